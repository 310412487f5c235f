import { deciderSpecification, fold, RuleViolation } from '@itsm/event-sourcing';
import { InvalidMoney } from '../money';
import type { PublishCreditPolicyVersion } from './commands';
import type { CreditPolicyVersionPublished } from './events';
import { creditPolicyDecider } from './decide';
import { creditPolicyInForce } from './state';

const offeringId = '0190f3a4-1111-7222-8333-944445555666';
const consumer = '0190f3a4-2222-7222-8333-944445555666';
const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'fiona', role: 'finance' } };
const tiers = [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10' }] as PublishCreditPolicyVersion['data']['tiers'];
const publish = (data: Partial<PublishCreditPolicyVersion['data']> = {}): PublishCreditPolicyVersion => ({
  type: 'PublishCreditPolicyVersion',
  data: { offeringId, effectiveFrom: '2026-01-01', consumerCostCenterId: consumer, tiers, capPercentOfMonthlyFee: '100', monthlyFee: null, ...data },
  metadata,
});
const published = (data: Partial<CreditPolicyVersionPublished['data']> = {}): CreditPolicyVersionPublished => ({
  type: 'CreditPolicyVersionPublished',
  data: { offeringId, version: 1, effectiveFrom: '2026-01-01', consumerCostCenterId: consumer, tiers, capPercentOfMonthlyFee: '100', monthlyFee: null, publishedAt: now.toISOString(), ...data },
});

const spec = deciderSpecification(creditPolicyDecider, expect);
const given = spec.given.bind(spec);

describe('Credit policy decider', () => {
  describe('when the offering has no policy yet', () => {
    it('publishes version 1 with its tiers and cap written canonically', () => {
      given([])
        .when(publish({ tiers: [{ priority: 'P1', timerKind: 'resolution', percentOfMonthlyFee: '10.00' }], capPercentOfMonthlyFee: '100.0' }))
        .then([published()]);
    });
    it('keeps the consumer’s own monthly fee when one is given, canonically', () => {
      given([]).when(publish({ monthlyFee: { amount: '1500', currency: 'EUR' } })).then([published({ monthlyFee: { amount: '1500.00', currency: 'EUR' } })]);
    });
    it('refuses a policy that requireCreditPolicy refuses, no tier, a day that is none, no consumer and a bad fee', () => {
      given([]).when(publish({ capPercentOfMonthlyFee: '120' })).thenThrows(RuleViolation, 'The cap must be more than 0 and at most 100, not 120');
      given([]).when(publish({ tiers: [] })).thenThrows(RuleViolation, 'A credit policy needs at least one tier');
      given([]).when(publish({ effectiveFrom: '2026-02-30' })).thenThrows(RuleViolation, /is not a day/);
      given([]).when(publish({ consumerCostCenterId: ' ' })).thenThrows(RuleViolation, 'The consumer cost center must not be blank');
      given([]).when(publish({ monthlyFee: { amount: '-1.00', currency: 'EUR' } })).thenThrows(RuleViolation, 'The monthly fee must not be negative');
      given([]).when(publish({ monthlyFee: { amount: '1.001', currency: 'EUR' } })).thenThrows(InvalidMoney, /more decimal places than EUR/);
    });
  });

  describe('when it has versions', () => {
    const v1 = published();
    const v2 = published({ version: 2, effectiveFrom: '2026-04-01', capPercentOfMonthlyFee: '50' });

    it('publishes the next version when it takes effect later', () => {
      given([v1]).when(publish({ effectiveFrom: '2026-04-01', capPercentOfMonthlyFee: '50' })).then([v2]);
    });
    it('records nothing when the latest version is sent again as it is (a retried PUT)', () => {
      given([v1, v2]).when(publish({ effectiveFrom: '2026-04-01', capPercentOfMonthlyFee: '50.00' })).then([]);
    });
    it('refuses a version on or before the latest one’s day: credits already accrued are not re-priced', () => {
      given([v1, v2])
        .when(publish({ effectiveFrom: '2026-04-01', capPercentOfMonthlyFee: '60' }))
        .thenThrows(RuleViolation, 'A new version must take effect after the latest one (2026-04-01), not on 2026-04-01: credits accrued under a version are not re-priced');
      given([v1, v2]).when(publish({ effectiveFrom: '2026-02-01' })).thenThrows(RuleViolation, /after the latest one/);
    });
    it('refuses another offering’s policy on this stream', () => {
      given([v1]).when(publish({ offeringId: 'another', effectiveFrom: '2026-05-01' })).thenThrows(RuleViolation, `This stream holds the credit policy of offering ${offeringId}, not of another`);
    });
    it('knows the version in force on a day: the latest on or before it, none before the first', () => {
      const state = fold(creditPolicyDecider, [v1, v2]);
      expect(creditPolicyInForce(state, '2025-12-31')).toBeNull();
      expect(creditPolicyInForce(state, '2026-01-01')?.version).toBe(1);
      expect(creditPolicyInForce(state, '2026-03-31')?.version).toBe(1);
      expect(creditPolicyInForce(state, '2026-04-01')?.version).toBe(2);
      expect(creditPolicyInForce(state, '2027-01-01')?.capPercentOfMonthlyFee).toBe('50');
    });
  });
});
