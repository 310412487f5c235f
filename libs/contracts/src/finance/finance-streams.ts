import { parseStreamName, streamName } from '@itsm/event-sourcing';

/*
 * Stream types of the finance aggregates besides the cost center (`cost-center-streams.ts`), each routed to
 * `finance` by STREAM_TYPE_CONTEXTS: one stream per aggregate, `<type>-<uuid>`.
 */
export const COST_POOL_STREAM_TYPE = 'cost-pool';
export const RATE_CARD_STREAM_TYPE = 'rate-card';
export const BUDGET_STREAM_TYPE = 'budget';
export const ALLOCATION_RULE_STREAM_TYPE = 'allocation-rule';
/** One stream per currency pair; its uuid is derived from the pair by the application. */
export const EXCHANGE_RATE_STREAM_TYPE = 'exchange-rate';
/** One stream per usage batch; its uuid is derived from the client's reference by the application. */
export const USAGE_BATCH_STREAM_TYPE = 'usage-batch';
/** One stream per ledger import. */
export const LEDGER_IMPORT_STREAM_TYPE = 'ledger-import';
/** One stream per offering: its credit policy versions (the offering's uuid). */
export const CREDIT_POLICY_STREAM_TYPE = 'credit-policy';
/** One stream per offering, consumer and period: its service credits; the uuid derived from the three by the application. */
export const SERVICE_CREDITS_STREAM_TYPE = 'service-credits';
/** One stream per dispute of a statement line. */
export const DISPUTE_STREAM_TYPE = 'dispute';
/** One stream per period ("2026-03"); its uuid is derived from the period by the application. */
export const FINANCE_PERIOD_STREAM_TYPE = 'finance-period';

export const costPoolStreamId = (costPoolId: string): string => streamName(COST_POOL_STREAM_TYPE, costPoolId);
export const rateCardStreamId = (rateCardId: string): string => streamName(RATE_CARD_STREAM_TYPE, rateCardId);
/** One budget per cost center and period; which budget id that is, the application keeps. */
export const budgetStreamId = (budgetId: string): string => streamName(BUDGET_STREAM_TYPE, budgetId);
export const allocationRuleStreamId = (ruleId: string): string => streamName(ALLOCATION_RULE_STREAM_TYPE, ruleId);
export const exchangeRateStreamId = (pairId: string): string => streamName(EXCHANGE_RATE_STREAM_TYPE, pairId);
export const usageBatchStreamId = (batchId: string): string => streamName(USAGE_BATCH_STREAM_TYPE, batchId);
export const ledgerImportStreamId = (importId: string): string => streamName(LEDGER_IMPORT_STREAM_TYPE, importId);
export const creditPolicyStreamId = (offeringId: string): string => streamName(CREDIT_POLICY_STREAM_TYPE, offeringId);
export const serviceCreditsStreamId = (ledgerId: string): string => streamName(SERVICE_CREDITS_STREAM_TYPE, ledgerId);
export const disputeStreamId = (disputeId: string): string => streamName(DISPUTE_STREAM_TYPE, disputeId);
export const financePeriodStreamId = (periodStreamUuid: string): string => streamName(FINANCE_PERIOD_STREAM_TYPE, periodStreamUuid);

/** The entity id (uuid) of a finance stream id. */
export const financeEntityIdOf = (streamId: string): string => parseStreamName(streamId).entityId;

/** Prefix filters for reading the finance streams from the log (`readAll({ filter })`). */
export const COST_POOL_STREAM_PREFIX = `${COST_POOL_STREAM_TYPE}-`;
export const RATE_CARD_STREAM_PREFIX = `${RATE_CARD_STREAM_TYPE}-`;
export const BUDGET_STREAM_PREFIX = `${BUDGET_STREAM_TYPE}-`;
export const ALLOCATION_RULE_STREAM_PREFIX = `${ALLOCATION_RULE_STREAM_TYPE}-`;
export const EXCHANGE_RATE_STREAM_PREFIX = `${EXCHANGE_RATE_STREAM_TYPE}-`;
export const USAGE_BATCH_STREAM_PREFIX = `${USAGE_BATCH_STREAM_TYPE}-`;
export const LEDGER_IMPORT_STREAM_PREFIX = `${LEDGER_IMPORT_STREAM_TYPE}-`;
export const CREDIT_POLICY_STREAM_PREFIX = `${CREDIT_POLICY_STREAM_TYPE}-`;
export const SERVICE_CREDITS_STREAM_PREFIX = `${SERVICE_CREDITS_STREAM_TYPE}-`;
export const DISPUTE_STREAM_PREFIX = `${DISPUTE_STREAM_TYPE}-`;
export const FINANCE_PERIOD_STREAM_PREFIX = `${FINANCE_PERIOD_STREAM_TYPE}-`;
