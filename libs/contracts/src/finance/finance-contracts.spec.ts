import { EVENT_SCHEMA_VERSIONS } from '../platform';
import { contextOfStream } from '../stream-contexts';
import {
  allocationRuleStreamId,
  budgetStreamId,
  costCenterIdOf,
  costCenterStreamId,
  costPoolStreamId,
  exchangeRateStreamId,
  ledgerImportStreamId,
  financePeriodStreamId,
  usageBatchStreamId,
  financeEntityIdOf,
  FINANCE_EVENT_SCHEMA_VERSIONS,
  FINANCE_EVENT_TYPES,
  rateCardStreamId,
  creditPolicyStreamId,
  serviceCreditsStreamId,
  disputeStreamId,
} from './index';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('finance contracts', () => {
  it('names cost center streams cost-center-<uuid>, owned by the finance context', () => {
    expect(costCenterStreamId(id)).toBe(`cost-center-${id}`);
    expect(contextOfStream(costCenterStreamId(id))).toBe('finance');
    expect(costCenterIdOf(costCenterStreamId(id))).toBe(id);
  });

  it.each([
    [costPoolStreamId, 'cost-pool'],
    [rateCardStreamId, 'rate-card'],
    [budgetStreamId, 'budget'],
    [allocationRuleStreamId, 'allocation-rule'],
    [exchangeRateStreamId, 'exchange-rate'],
    [usageBatchStreamId, 'usage-batch'],
    [ledgerImportStreamId, 'ledger-import'],
    [creditPolicyStreamId, 'credit-policy'],
    [serviceCreditsStreamId, 'service-credits'],
    [disputeStreamId, 'dispute'],
    [financePeriodStreamId, 'finance-period'],
  ])('names the other finance streams <type>-<uuid>, owned by the finance context (%#: %s)', (streamIdOf, type) => {
    expect(streamIdOf(id)).toBe(`${type}-${id}`);
    expect(contextOfStream(streamIdOf(id))).toBe('finance');
    expect(financeEntityIdOf(streamIdOf(id))).toBe(id);
  });

  it('publishes its events in the platform’s one registry, each type once', () => {
    expect(new Set(FINANCE_EVENT_TYPES).size).toBe(FINANCE_EVENT_TYPES.length);
    for (const type of FINANCE_EVENT_TYPES) expect([type, EVENT_SCHEMA_VERSIONS[type]]).toEqual([type, FINANCE_EVENT_SCHEMA_VERSIONS[type]]);
    expect(FINANCE_EVENT_TYPES).toEqual(
      expect.arrayContaining(['CostCenterOpened', 'CostCenterClosed', 'CostPoolOpened', 'RateCardVersionPublished', 'BudgetThresholdCrossed', 'BudgetFellBelowThreshold', 'AllocationRuleDefined', 'ExchangeRateSet', 'UsageRecorded', 'LedgerImported', 'LedgerLinesImported', 'CreditPolicyVersionPublished', 'ServiceCreditAccrued', 'ServiceCreditReversed', 'DisputeOpened', 'DisputeReviewStarted', 'DisputeResolved']),
    );
  });
});
