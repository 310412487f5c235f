import type { CommandMetadata } from '@itsm/event-sourcing';
import type { WireMoney } from '../money';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * A budget for one cost center and period. `budgetId` is chosen by the application, which also keeps one budget per
 * cost center and period, and passes the cost center's currency (from its read model): the budget is in it.
 * `thresholds`: percentages of the planned amount, default [80, 100].
 */
export type PlanBudget = Command<
  'PlanBudget',
  { budgetId: string; costCenterId: string; costCenterCurrency: string; period: string; planned: WireMoney; thresholds?: number[] }
>;

export type RevisePlannedBudget = Command<'RevisePlannedBudget', { planned: WireMoney; reason: string }>;

/** The exchange rate of the posting day, looked up by the application (exchange-rates/`rateOn`). */
export interface PostingExchangeRate {
  /** Units of the budget's currency per unit of the posted amount's currency. */
  rate: string;
  /** The day of the rate: the latest on or before the posting day. */
  rateDate: string;
}

/**
 * A posting against the budget. `postedAt` is the day (YYYY-MM-DD) the amount belongs to, inside the period.
 * An amount in another currency comes with `exchangeRate` and is converted once, here. `postingId`, when the
 * poster has one (an invoice line, an allocation run's line), makes the posting idempotent: the same id again
 * records nothing.
 */
interface Posting {
  amount: WireMoney;
  postedAt: string;
  source: string;
  exchangeRate?: PostingExchangeRate;
  postingId?: string;
}

export type RecordBudgetActual = Command<'RecordBudgetActual', Posting>;

export type RecordBudgetCommitment = Command<'RecordBudgetCommitment', Posting>;

export type BudgetCommand = PlanBudget | RevisePlannedBudget | RecordBudgetActual | RecordBudgetCommitment;
