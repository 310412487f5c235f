import { deciderSpecification, fold, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { AllocationMethod } from '../allocation';
import { allocationRuleDecider } from './decide';
import { byUsage, define, defined, now, retire, retired, revise, revised, ruleId, source } from './allocation-rule.builders';

const spec = deciderSpecification(allocationRuleDecider, expect);
const given = spec.given.bind(spec);

const percentage = (...shares: [string, string][]): AllocationMethod => ({
  kind: 'percentage',
  shares: shares.map(([consumerCostCenterId, percent]) => ({ consumerCostCenterId, percent })),
});

describe('Allocation rule decider', () => {
  describe('when not defined yet', () => {
    it('defines a rule for a service or a cost pool with any of the five methods', () => {
      given([]).when(define()).then([defined()]);
      const pool = { kind: 'pool' as const, id: 'pool-hosting' };
      for (const method of [
        { kind: 'direct', consumerCostCenterId: 'cc-a' },
        { kind: 'equal', consumerCostCenterIds: ['cc-a', 'cc-b'] },
        percentage(['cc-a', '60'], ['cc-b', '40']),
        { kind: 'weighted', weights: [{ consumerCostCenterId: 'cc-a', weight: '2.5' }, { consumerCostCenterId: 'cc-b', weight: '0' }] },
      ] as AllocationMethod[]) {
        given([]).when(define({ source: pool, method })).then([defined({ source: pool, method })]);
      }
    });
    it('writes percentages and weights canonically, and trims ids and the name', () => {
      given([])
        .when(define({ name: ' Desk ', method: percentage([' cc-a ', '33.330'], ['cc-b', '66.67']) }))
        .then([defined({ name: 'Desk', method: percentage(['cc-a', '33.33'], ['cc-b', '66.67']) })]);
    });
    it('refuses percentages that do not add up to exactly 100', () => {
      given([]).when(define({ method: percentage(['cc-a', '33.33'], ['cc-b', '66.66']) })).thenThrows(RuleViolation, 'The percentages must add up to exactly 100, not 99.99');
      given([]).when(define({ method: percentage(['cc-a', '60'], ['cc-b', '40.01']) })).thenThrows(RuleViolation, /not 100.01/);
    });
    it('refuses a malformed percentage or weight, all-zero weights, no consumers and a consumer named twice', () => {
      given([]).when(define({ method: percentage(['cc-a', '-10'], ['cc-b', '110']) })).thenThrows(RuleViolation, /The percentage of cc-a "-10" is not a non-negative decimal/);
      given([])
        .when(define({ method: { kind: 'weighted', weights: [{ consumerCostCenterId: 'cc-a', weight: '0' }] } }))
        .thenThrows(RuleViolation, 'The weights must not all be zero');
      given([]).when(define({ method: { kind: 'equal', consumerCostCenterIds: [] } })).thenThrows(RuleViolation, 'The rule needs at least one consumer cost center');
      given([])
        .when(define({ method: { kind: 'equal', consumerCostCenterIds: ['cc-a', ' cc-a'] } }))
        .thenThrows(RuleViolation, 'The consumer cost center cc-a is named twice');
      given([]).when(define({ method: { kind: 'direct', consumerCostCenterId: ' ' } })).thenThrows(RuleViolation, 'The consumer cost center must not be blank');
    });
    it('refuses an unknown method, a malformed usage unit and an unknown kind of source', () => {
      given([]).when(define({ method: { kind: 'random' } as never })).thenThrows(RuleViolation, 'The allocation method must be one of direct, equal, percentage, usage-units, weighted');
      given([]).when(define({ method: { kind: 'usage-units', unit: 'VM Hours' } })).thenThrows(RuleViolation, /The usage unit "VM Hours"/);
      given([]).when(define({ source: { kind: 'project', id: 'p' } as never })).thenThrows(RuleViolation, /a cost pool \("pool"\) or a service \("service"\)/);
      given([]).when(define({ source: { kind: 'pool', id: '' } })).thenThrows(RuleViolation, 'The cost pool must not be blank');
    });
    it('refuses a blank name', () => {
      given([]).when(define({ name: '' })).thenThrows(RuleViolation, 'The name must not be blank');
    });
    it('refuses to revise or retire what is not defined', () => {
      given([]).when(revise(byUsage)).thenThrows(IllegalTransition, 'The allocation rule is not defined yet');
      given([]).when(retire()).thenThrows(IllegalTransition, 'The allocation rule is not defined yet');
    });
  });

  describe('when defined', () => {
    it('refuses to define it again', () => {
      given([defined()]).when(define()).thenThrows(IllegalTransition, `Allocation rule ${ruleId} is already defined`);
    });
    it('revises the method, keeping the previous one in the event', () => {
      const byPercentage = percentage(['cc-a', '50'], ['cc-b', '50']);
      given([defined()]).when(revise(byPercentage)).then([revised(byPercentage)]);
      expect(fold(allocationRuleDecider, [defined(), revised(byPercentage)])).toMatchObject({ method: byPercentage });
    });
    it('does nothing when revised to the method it has', () => {
      given([defined()]).when(revise({ kind: 'usage-units', unit: ' vm-hour ' })).thenNothingHappens();
    });
    it('does nothing for the method it has whatever the order of its keys (the log’s jsonb sorts them)', () => {
      const byPercentage = percentage(['cc-a', '50'], ['cc-b', '50']);
      const reordered = JSON.parse(JSON.stringify(byPercentage, ['shares', 'percent', 'consumerCostCenterId', 'kind']));
      given([defined(), revised(byPercentage)]).when(revise(byPercentage)).thenNothingHappens();
      given([defined(), { ...revised(byPercentage), data: { ...revised(byPercentage).data, method: reordered } }]).when(revise(byPercentage)).thenNothingHappens();
    });
    it('refuses an invalid revision', () => {
      given([defined()]).when(revise(percentage(['cc-a', '50']))).thenThrows(RuleViolation, /not 50/);
    });
    it('retires it', () => {
      given([defined()]).when(retire()).then([retired()]);
      expect(fold(allocationRuleDecider, [defined(), retired()])).toEqual({
        status: 'retired',
        ruleId,
        name: 'Compute by vm-hours',
        source,
        method: byUsage,
        definedAt: now.toISOString(),
      });
    });
  });

  describe('when retired', () => {
    it('refuses every change', () => {
      given([defined(), retired()]).when(revise(percentage(['cc-a', '100']))).thenThrows(IllegalTransition, `Allocation rule ${ruleId} is retired and cannot be revised`);
      given([defined(), retired()]).when(retire()).thenThrows(IllegalTransition, /is retired and cannot be retired/);
      given([defined(), retired()]).when(define()).thenThrows(IllegalTransition, /already defined/);
    });
  });
});
