import type { PeriodRunV1 } from '@itsm/contracts';
import { computePeriod, type PeriodAdjustment, type PeriodComputation, type PeriodState } from '@itsm/finance-domain';
import type { PeriodInputsReader, PeriodReadProgress, ReadPeriodInputs } from './period-inputs.reader';

/** A posted adjustment as the computation takes it. */
export const adjustmentsOf = (state: PeriodState, ids?: readonly string[]): PeriodAdjustment[] =>
  state.adjustments
    .filter((adjustment) => ids === undefined || ids.includes(adjustment.adjustmentId))
    .map(({ adjustmentId, costCenterId, amount, correctsPeriod, correctsStatementId, correctsLineId, reason, postedAt }) => ({
      adjustmentId, costCenterId, amount, correctsPeriod, correctsStatementId, correctsLineId, reason, postedOn: postedAt.slice(0, 10),
    }));

/**
 * A run computed again from what it recorded: the log up to its position, its rule and rate-card revisions, its
 * snapshot of labour and credits, its adjustments. Publishing uses it (the statements published are those of the
 * run), and so does a replay.
 */
export const recomputeRun = async (
  reader: PeriodInputsReader,
  state: PeriodState,
  run: PeriodRunV1,
  onProgress?: (progress: PeriodReadProgress) => void,
): Promise<{ read: ReadPeriodInputs; result: PeriodComputation }> => {
  const { inputs } = run;
  const read = await reader.read(
    run.period,
    inputs.logPosition,
    {
      reportingCurrency: inputs.reportingCurrency,
      labourRateCard: inputs.labourRateCard,
      labour: inputs.labour,
      credits: inputs.credits,
      adjustments: adjustmentsOf(state, inputs.adjustmentIds),
    },
    onProgress,
  );
  const result = computePeriod(read.computation);
  read.manifest.exchangeRates = result.exchangeRates;
  return { read, result };
};
