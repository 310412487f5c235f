import { deciderSpecification, RuleViolation } from '@itsm/event-sourcing';
import type { AccrueServiceCredit, ReverseServiceCredit } from './commands';
import type { ServiceCreditAccrued, ServiceCreditReversed } from './events';
import { creditPeriodOf, serviceCreditsDecider } from './decide';

const offeringId = 'off-gold';
const consumer = 'cc-sales';
const now = new Date('2026-03-12T10:00:00.000Z');
const metadata = { now, actor: { id: 'finance-service-credits', role: 'system' } };
const policy = {
  version: 1,
  tiers: [
    { priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '40' },
    { priority: 'P2', timerKind: 'resolution', percentOfMonthlyFee: '10' },
  ],
  capPercentOfMonthlyFee: '50',
} as AccrueServiceCredit['data']['policy'];
const breach = (n: number, priority = 'P1') => ({
  breachEventId: `breach-${n}`,
  incidentId: `incident-${n}`,
  incidentNumber: `INC000000${n}`,
  serviceId: 'svc-mail',
  priority,
  timerKind: 'resolution',
  breachedAt: '2026-03-11T13:00:00.000Z',
});
const accrue = (n: number, priority = 'P1', fee = '2000.00'): AccrueServiceCredit => ({
  type: 'AccrueServiceCredit',
  data: { offeringId, consumerCostCenterId: consumer, breach: breach(n, priority), policy, monthlyFee: { amount: fee, currency: 'EUR' } },
  metadata,
});
const accrued = (n: number, amount: string, extra: Partial<ServiceCreditAccrued['data']> = {}): ServiceCreditAccrued => ({
  type: 'ServiceCreditAccrued',
  data: {
    creditId: `breach-${n}`,
    ...breach(n),
    offeringId,
    consumerCostCenterId: consumer,
    period: '2026-03',
    policyVersion: 1,
    percentOfMonthlyFee: '40',
    monthlyFee: { amount: '2000.00', currency: 'EUR' },
    amount: { amount, currency: 'EUR' },
    capped: false,
    accruedAt: now.toISOString(),
    ...extra,
  },
});
const reverse = (n: number): ReverseServiceCredit => ({ type: 'ReverseServiceCredit', data: { breachEventId: `breach-${n}`, reason: 'priority lowered: due after the breach', supersededByEventId: 'retarget-1' }, metadata });
const reversed = (n: number, amount: string): ServiceCreditReversed => ({
  type: 'ServiceCreditReversed',
  data: {
    creditId: `breach-${n}`, breachEventId: `breach-${n}`, incidentNumber: `INC000000${n}`, offeringId, consumerCostCenterId: consumer, period: '2026-03',
    amount: { amount, currency: 'EUR' }, reason: 'priority lowered: due after the breach', supersededByEventId: 'retarget-1', reversedAt: now.toISOString(),
  },
});

const spec = deciderSpecification(serviceCreditsDecider, expect);
const given = spec.given.bind(spec);

describe('Service credits decider (one offering, one consumer, one period)', () => {
  describe('when nothing was credited yet', () => {
    it('accrues the tier’s share of the monthly fee, naming the incident and the breach event, in the breach’s period', () => {
      given([]).when(accrue(1)).then([accrued(1, '800.00')]);
    });
    it('accrues nothing for a breach no tier covers', () => {
      given([]).when(accrue(1, 'P4')).then([]);
    });
    it('reverses nothing that was never credited', () => {
      given([]).when(reverse(1)).then([]);
    });
    it('refuses a breach without an incident number', () => {
      given([]).when({ ...accrue(1), data: { ...accrue(1).data, breach: { ...breach(1), incidentNumber: ' ' } } }).thenThrows(RuleViolation, 'The incident number must not be blank');
    });
  });

  describe('when credits were accrued', () => {
    it('credits the same breach once, however often it is seen again', () => {
      given([accrued(1, '800.00')]).when(accrue(1)).then([]);
    });
    it('caps the period: the second breach gets what the cap leaves, the third nothing (recorded as capped)', () => {
      given([accrued(1, '800.00')]).when(accrue(2)).then([accrued(2, '200.00', { capped: true })]);
      given([accrued(1, '800.00'), accrued(2, '200.00', { capped: true })]).when(accrue(3)).then([accrued(3, '0.00', { capped: true })]);
    });
    it('reverses a credit once, giving its amount back to the cap', () => {
      given([accrued(1, '800.00')]).when(reverse(1)).then([reversed(1, '800.00')]);
      given([accrued(1, '800.00'), reversed(1, '800.00')]).when(reverse(1)).then([]);
      given([accrued(1, '800.00'), reversed(1, '800.00')]).when(accrue(2)).then([accrued(2, '800.00')]);
    });
    it('does not credit a reversed breach again when it is delivered again', () => {
      given([accrued(1, '800.00'), reversed(1, '800.00')]).when(accrue(1)).then([]);
    });
    it('refuses a breach of another period, consumer or offering on this stream', () => {
      const april = { ...accrue(2), data: { ...accrue(2).data, breach: { ...breach(2), breachedAt: '2026-04-01T00:00:00.000Z' } } };
      given([accrued(1, '800.00')]).when(april).thenThrows(RuleViolation, /in 2026-03, not of off-gold to cc-sales in 2026-04/);
      given([accrued(1, '800.00')]).when({ ...accrue(2), data: { ...accrue(2).data, consumerCostCenterId: 'cc-ops' } }).thenThrows(RuleViolation, /not of off-gold to cc-ops/);
    });
    it('refuses a fee in another currency than the credits already given', () => {
      given([accrued(1, '800.00')]).when({ ...accrue(2), data: { ...accrue(2).data, monthlyFee: { amount: '100.00', currency: 'USD' } } }).thenThrows(RuleViolation, /EUR|USD/);
    });
  });

  it('names the period of a breach in UTC', () => {
    expect(creditPeriodOf('2026-03-31T23:59:59.999Z')).toBe('2026-03');
    expect(creditPeriodOf('2026-04-01T00:30:00+02:00')).toBe('2026-03');
    expect(() => creditPeriodOf('yesterday')).toThrow(RuleViolation);
  });
});
