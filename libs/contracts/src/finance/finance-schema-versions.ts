import { ALLOCATION_RULE_EVENT_TYPES, type AllocationRuleEventType } from './allocation-rule-events';
import { BUDGET_EVENT_TYPES, type BudgetEventType } from './budget-events';
import { COST_CENTER_EVENT_TYPES, type CostCenterEventType } from './cost-center-events';
import { COST_POOL_EVENT_TYPES, type CostPoolEventType } from './cost-pool-events';
import { RATE_CARD_EVENT_TYPES, type RateCardEventType } from './rate-card-events';
import { EXCHANGE_RATE_EVENT_TYPES, type ExchangeRateEventType } from './exchange-rate-events';
import { USAGE_EVENT_TYPES, type UsageEventType } from './usage-events';
import { LEDGER_IMPORT_EVENT_TYPES, type LedgerImportEventType } from './ledger-events';
import { CREDIT_EVENT_TYPES, type CreditEventType } from './credit-events';
import { DISPUTE_EVENT_TYPES, type DisputeEventType } from './dispute-events';
import { PERIOD_EVENT_TYPES, type PeriodEventType } from './period-events';

export type FinanceEventType =
  | CostCenterEventType
  | CostPoolEventType
  | RateCardEventType
  | BudgetEventType
  | AllocationRuleEventType
  | ExchangeRateEventType
  | UsageEventType
  | LedgerImportEventType
  | CreditEventType
  | DisputeEventType
  | PeriodEventType;

/** Every event type the finance context publishes (topic `itsm.finance.events.v1`). */
export const FINANCE_EVENT_TYPES: readonly FinanceEventType[] = [
  ...COST_CENTER_EVENT_TYPES,
  ...COST_POOL_EVENT_TYPES,
  ...RATE_CARD_EVENT_TYPES,
  ...BUDGET_EVENT_TYPES,
  ...ALLOCATION_RULE_EVENT_TYPES,
  ...EXCHANGE_RATE_EVENT_TYPES,
  ...USAGE_EVENT_TYPES,
  ...LEDGER_IMPORT_EVENT_TYPES,
  ...CREDIT_EVENT_TYPES,
  ...DISPUTE_EVENT_TYPES,
  ...PERIOD_EVENT_TYPES,
];

/** The schema version each finance event is written in today; readers upcast older ones to it. */
export const FINANCE_EVENT_SCHEMA_VERSIONS: Readonly<Record<FinanceEventType, number>> = Object.freeze(
  Object.fromEntries(FINANCE_EVENT_TYPES.map((type) => [type, 1])) as Record<FinanceEventType, number>,
);
