import type { DomainEvent } from '@itsm/event-sourcing';
import type { AllocationSourceV1 } from './allocation-rule-events';
import type { MoneyV1 } from './money';

/*
 * Published events of the finance period stream (`finance-period-<uuid>`, the uuid derived from the period
 * "2026-03"): a month's close. open → run (allocation computed and reconciled; re-run while open) → statements
 * published → closed. A closed period takes no command; a correction is an adjustment in the next open period.
 * Schema version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise. Amounts are in the reporting currency
 * unless named otherwise.
 */

export type StatementModeV1 = 'showback' | 'chargeback';

/** A ledger import a run read: its file's hash and the lines of the period, with a hash of those lines. */
export interface PeriodLedgerInputV1 {
  importId: string;
  /** The import stream's revision when read (imports are written once). */
  revision: number;
  contentSha256: string;
  /** Lines of the import booked in the period. */
  lineCount: number;
  /** sha256 of the period's lines in file order (`lineNumber|postedOn|account|target kind|target id|amount|currency`). */
  linesSha256: string;
}

export interface PeriodUsageInputV1 {
  batchId: string;
  revision: number;
  /** Records of the batch posted in the period. */
  recordCount: number;
  recordsSha256: string;
}

/**
 * The allocation rule version a run applied: its stream revision (the rule's stream holds what it said then) and a
 * sha256 of the canonical JSON of its method, so that a replay can tell the very same method was read again.
 */
export interface PeriodRuleInputV1 {
  ruleId: string;
  revision: number;
  source: AllocationSourceV1;
  methodSha256: string;
}

/** A rate a run converted at: asked for `day`, found the rate of `rateDay`. */
export interface PeriodExchangeRateInputV1 {
  from: string;
  to: string;
  day: string;
  rateDay: string;
  rate: string;
}

/** Work logged on an incident as the run priced it (a snapshot of finance's copy of incidents). */
export interface PeriodLabourEntryV1 {
  entryId: string;
  incidentNumber: string;
  serviceId: string;
  minutes: number;
  role: string;
  loggedOn: string;
}

/** A service credit as the run took it from the credits process (a snapshot: the credits' owner is another process). */
export interface PeriodCreditInputV1 {
  creditId: string;
  costCenterId: string;
  serviceId: string;
  offeringId: string;
  incidentNumber: string;
  breachEventId: string;
  amount: MoneyV1;
  accruedAt: string;
}

/** Everything a run used, so that a replay reads exactly the same and can tell what differs. */
export interface PeriodInputsV1 {
  /** The log's head when the run read it: a replay reads the finance streams up to it. */
  logPosition: number;
  reportingCurrency: string;
  ledgerImports: PeriodLedgerInputV1[];
  usageBatches: PeriodUsageInputV1[];
  rules: PeriodRuleInputV1[];
  /** The rate card that priced labour (null: no labour priced), with its stream revision. */
  labourRateCard: { rateCardId: string; revision: number } | null;
  labour: PeriodLabourEntryV1[];
  credits: PeriodCreditInputV1[];
  /** The adjustments of this period (recorded on the period's stream) the run included. */
  adjustmentIds: string[];
  exchangeRates: PeriodExchangeRateInputV1[];
  /** Cost centers with their currency and stream revision. */
  costCenters: { costCenterId: string; code: string; currency: string; revision: number }[];
}

/** What a cost could not be given to (no rule, no consumer, no usage): its own line, never hidden. */
export interface UnallocatedLineV1 {
  source: { kind: 'pool' | 'service' | 'cost-center'; id: string };
  ruleId: string | null;
  amount: MoneyV1;
  reason: string;
}

/** One check of the reconciliation: `left` must equal `right` exactly. */
export interface ReconciliationCheckV1 {
  name: string;
  left: MoneyV1;
  right: MoneyV1;
  balanced: boolean;
}

export interface ReconciliationV1 {
  currency: string;
  ledger: { lineCount: number; total: MoneyV1; byCurrency: { currency: string; lineCount: number; amount: MoneyV1; reportingAmount: MoneyV1 }[] };
  pools: { poolId: string; amount: MoneyV1; allocated: MoneyV1; unallocated: MoneyV1 }[];
  direct: { costCenterId: string; amount: MoneyV1 }[];
  services: { serviceId: string; labour: MoneyV1; allocated: MoneyV1; unallocated: MoneyV1 }[];
  consumers: { costCenterId: string; total: MoneyV1 }[];
  labour: MoneyV1;
  credits: MoneyV1;
  adjustments: MoneyV1;
  unallocated: UnallocatedLineV1[];
  /** Rounding of the statements' conversion to their cost centers' currencies, one line per statement that has one. */
  rounding: { costCenterId: string; amount: MoneyV1; reason: string }[];
  checks: ReconciliationCheckV1[];
  balanced: boolean;
}

/** Where a statement line comes from. */
export type StatementLineKindV1 = 'ledger' | 'pool' | 'service' | 'credit' | 'adjustment' | 'rounding';

export interface StatementLineV1 {
  /** "1", "2", … in the statement's canonical order. */
  lineId: string;
  kind: StatementLineKindV1;
  description: string;
  /** In the reporting currency ("0.00" on a rounding line: it exists in the cost center's currency only). */
  reportingAmount: MoneyV1;
  /** In the cost center's currency, converted at the rate of the posting day. */
  amount: MoneyV1;
  /** The day whose rate converted it. */
  postedOn: string;
  /** ledger: the account and how many ledger lines. */
  account?: string;
  ledgerLineCount?: number;
  /** pool / service: the source, the rule (with its revision) and why this share. */
  source?: AllocationSourceV1;
  ruleId?: string;
  ruleRevision?: number;
  basis?: { method: string; share: string; of: string; unit?: string };
  /** service: the labour and usage behind it. */
  labourMinutes?: number;
  /** credit: the incident and the breach event it answers. */
  creditId?: string;
  incidentNumber?: string;
  breachEventId?: string;
  serviceId?: string;
  /** adjustment: what it corrects. */
  adjustmentId?: string;
  correctsPeriod?: string;
  correctsStatementId?: string;
  correctsLineId?: string | null;
}

export interface PeriodRunV1 {
  period: string;
  runNumber: number;
  runAt: string;
  inputs: PeriodInputsV1;
  reconciliation: ReconciliationV1;
  /** Each cost center's statement as computed (published later). */
  statements: { costCenterId: string; lineCount: number; reportingTotal: MoneyV1 }[];
}

export interface PeriodStatementsPublishedV1 {
  period: string;
  runNumber: number;
  publishedAt: string;
  statements: { statementId: string; costCenterId: string; mode: StatementModeV1; contentHash: string }[];
}

export interface StatementPublishedV1 {
  period: string;
  statementId: string;
  costCenterId: string;
  costCenterCode: string;
  mode: StatementModeV1;
  currency: string;
  reportingCurrency: string;
  /** sha256 (hex) of the canonical JSON of the statement (libs/finance/domain README, "Statement hash"). */
  contentHash: string;
  total: MoneyV1;
  reportingTotal: MoneyV1;
  /** chargeback: what the cost center is charged (its total); showback: null (shown, not charged). */
  amountDue: MoneyV1 | null;
  lines: StatementLineV1[];
}

export interface PeriodClosedV1 {
  period: string;
  runNumber: number;
  closedAt: string;
  statementHashes: { statementId: string; contentHash: string }[];
}

export interface PeriodAdjustmentPostedV1 {
  /** The period the adjustment lands in (the next open one). */
  period: string;
  adjustmentId: string;
  correctsPeriod: string;
  correctsStatementId: string;
  correctsLineId: string | null;
  costCenterId: string;
  amount: MoneyV1;
  reason: string;
  postedAt: string;
}

export type PeriodRun = DomainEvent<'PeriodRun', PeriodRunV1>;
export type PeriodStatementsPublished = DomainEvent<'PeriodStatementsPublished', PeriodStatementsPublishedV1>;
export type StatementPublished = DomainEvent<'StatementPublished', StatementPublishedV1>;
export type PeriodClosed = DomainEvent<'PeriodClosed', PeriodClosedV1>;
export type PeriodAdjustmentPosted = DomainEvent<'PeriodAdjustmentPosted', PeriodAdjustmentPostedV1>;

export type PeriodEvent = PeriodRun | PeriodStatementsPublished | StatementPublished | PeriodClosed | PeriodAdjustmentPosted;
export type PeriodEventType = PeriodEvent['type'];
export const PERIOD_EVENT_TYPES: readonly PeriodEventType[] = ['PeriodRun', 'PeriodStatementsPublished', 'StatementPublished', 'PeriodClosed', 'PeriodAdjustmentPosted'];
