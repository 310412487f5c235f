import type { PeriodInputsV1, ReconciliationV1 } from '@itsm/contracts';
import type { CommandMetadata } from '@itsm/event-sourcing';
import type { WireMoney } from '../money';
import type { StatementDraft } from './compute-period';
import type { StatementMode } from './statement';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** The application computed the period (`computePeriod`) from `inputs`; the decider records the run if it reconciles. */
export type RunPeriod = Command<
  'RunPeriod',
  { period: string; inputs: PeriodInputsV1; reconciliation: ReconciliationV1; statements: { costCenterId: string; lineCount: number; reportingTotal: WireMoney }[] }
>;

/**
 * The statement drafts of run `runNumber`, each with its mode: the decider checks them against the run and publishes
 * each with its content hash (`publishStatement`), hashed once.
 */
export type PublishStatements = Command<'PublishStatements', { runNumber: number; statements: (StatementDraft & { mode: StatementMode })[] }>;

export type ClosePeriod = Command<'ClosePeriod', Record<string, never>>;

/** A correction of a closed period's statement (line), landing in this (open) period. */
export type PostAdjustment = Command<
  'PostAdjustment',
  {
    period: string;
    adjustmentId: string;
    correctsPeriod: string;
    correctsStatementId: string;
    correctsLineId: string | null;
    costCenterId: string;
    amount: WireMoney;
    reason: string;
  }
>;

export type PeriodCommand = RunPeriod | PublishStatements | ClosePeriod | PostAdjustment;
