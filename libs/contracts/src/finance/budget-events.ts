import type { DomainEvent } from '@itsm/event-sourcing';
import type { MoneyV1 } from './money';

/*
 * Published events of the budget stream (`budget-<uuid>`): one budget per cost center and period, in the cost
 * center's currency. Schema version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise; times are ISO-8601
 * UTC strings, days YYYY-MM-DD.
 */

export interface BudgetPlannedV1 {
  budgetId: string;
  costCenterId: string;
  /** A month ("2026-12") or a quarter ("2026-Q4"). */
  period: string;
  planned: MoneyV1;
  /** Percentages of `planned` whose crossing by the actual amount is an event, ascending (default [80, 100]). */
  thresholds: number[];
  plannedAt: string;
}

export interface BudgetPlanRevisedV1 {
  budgetId: string;
  planned: MoneyV1;
  previousPlanned: MoneyV1;
  reason: string;
  revisedAt: string;
}

/** A posting in another currency, converted once at the rate of its posting day. */
export interface BudgetConversionV1 {
  /** The amount as it was posted, in its own currency. */
  original: MoneyV1;
  /** Units of the budget's currency per unit of the original's ("1.0834"). */
  rate: string;
  /** The day the rate is of (the latest on or before the posting day). */
  rateDate: string;
}

/** Money spent against the budget (negative: a correction or refund). */
export interface BudgetActualRecordedV1 {
  budgetId: string;
  /** In the budget's currency. */
  amount: MoneyV1;
  /** The actual total after this posting. */
  actual: MoneyV1;
  /** The day the cost belongs to, inside the budget's period. */
  postedAt: string;
  /** What posted it: an invoice, an allocation run, a journal entry. */
  source: string;
  /** The poster's id of this posting, when it has one: the same id is recorded once. */
  postingId: string | null;
  conversion: BudgetConversionV1 | null;
  recordedAt: string;
}

/** Money promised but not yet spent: a purchase order, a signed contract (negative: released). */
export interface BudgetCommitmentRecordedV1 {
  budgetId: string;
  amount: MoneyV1;
  /** The committed total after this posting. */
  committed: MoneyV1;
  postedAt: string;
  source: string;
  postingId: string | null;
  conversion: BudgetConversionV1 | null;
  recordedAt: string;
}

/** The actual amount reached `threshold` % of the planned one, from below: once per crossing. */
export interface BudgetThresholdCrossedV1 {
  budgetId: string;
  threshold: number;
  actual: MoneyV1;
  planned: MoneyV1;
  crossedAt: string;
}

/** The actual amount fell back below `threshold` % (a correction, a larger plan): the next crossing counts again. */
export interface BudgetFellBelowThresholdV1 {
  budgetId: string;
  threshold: number;
  actual: MoneyV1;
  planned: MoneyV1;
  fellAt: string;
}

export type BudgetPlanned = DomainEvent<'BudgetPlanned', BudgetPlannedV1>;
export type BudgetPlanRevised = DomainEvent<'BudgetPlanRevised', BudgetPlanRevisedV1>;
export type BudgetActualRecorded = DomainEvent<'BudgetActualRecorded', BudgetActualRecordedV1>;
export type BudgetCommitmentRecorded = DomainEvent<'BudgetCommitmentRecorded', BudgetCommitmentRecordedV1>;
export type BudgetThresholdCrossed = DomainEvent<'BudgetThresholdCrossed', BudgetThresholdCrossedV1>;
export type BudgetFellBelowThreshold = DomainEvent<'BudgetFellBelowThreshold', BudgetFellBelowThresholdV1>;

export type BudgetEvent =
  | BudgetPlanned
  | BudgetPlanRevised
  | BudgetActualRecorded
  | BudgetCommitmentRecorded
  | BudgetThresholdCrossed
  | BudgetFellBelowThreshold;

export type BudgetEventType = BudgetEvent['type'];

export const BUDGET_EVENT_TYPES: readonly BudgetEventType[] = [
  'BudgetPlanned',
  'BudgetPlanRevised',
  'BudgetActualRecorded',
  'BudgetCommitmentRecorded',
  'BudgetThresholdCrossed',
  'BudgetFellBelowThreshold',
];
