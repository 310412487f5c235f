import { Injectable, Optional } from '@nestjs/common';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { requirePeriodMonth, requireStatementMode, type PeriodState, type StatementMode } from '@itsm/finance-domain';
import type { FinanceCommandOptions, FinanceCommandResult } from '../streams/finance-streams';
import { PeriodInputsReader } from '../periods/period-inputs.reader';
import { PeriodStreams } from '../periods/period-streams';
import { RecentRunComputations } from '../periods/recent-run-computations';
import { recomputeRun } from '../periods/recompute-run';

export interface PublishStatementsInput {
  period: string;
  /** The mode of every statement (default showback)… */
  mode?: StatementMode;
  /** …unless a cost center is named here with its own. */
  costCenterModes?: Record<string, StatementMode>;
}

/**
 * Publishes the statements of the period's latest run: the run's own computation when it ran in this process
 * (`RecentRunComputations`), else computed again from exactly what the run recorded (`recomputeRun`), each in its mode; the decider checks they are the run's (totals, lines) and
 * publishes each with its content hash, and that no adjustment came after the run.
 */
@Injectable()
export class PublishStatementsHandler {
  constructor(
    private readonly periods: PeriodStreams,
    private readonly reader: PeriodInputsReader,
    @Optional() private readonly recent: RecentRunComputations = new RecentRunComputations(),
  ) {}

  async execute(input: PublishStatementsInput, metadata: EventMetadata, options: FinanceCommandOptions = {}): Promise<FinanceCommandResult<PeriodState>> {
    const period = requirePeriodMonth(input.period);
    const mode = requireStatementMode(input.mode ?? 'showback');
    const modes = new Map(Object.entries(input.costCenterModes ?? {}).map(([id, value]) => [id.toLowerCase(), requireStatementMode(value)]));
    return this.periods.withLatest(period, options.expectedRevision, async ({ state, revision }) => {
      const expectedRevision = options.expectedRevision ?? revision;
      const run = state.latestRun;
      if (run === null || state.status !== 'run' || state.stale) {
        return this.periods.execute(period, { type: 'PublishStatements', data: { runNumber: run?.runNumber ?? 0, statements: [] } }, metadata, { expectedRevision }, { state, revision });
      }
      const unknown = [...modes.keys()].find((id) => !run.statements.some((statement) => statement.costCenterId === id));
      if (unknown !== undefined) throw new RuleViolation(`Run ${run.runNumber} of ${period} has no statement for cost center ${unknown}`);
      const result = this.recent.recall(run) ?? (await recomputeRun(this.reader, state, run)).result;
      const statements = result.statements.map((draft) => ({ ...draft, mode: modes.get(draft.costCenterId) ?? mode }));
      return this.periods.execute(period, { type: 'PublishStatements', data: { runNumber: run.runNumber, statements } }, metadata, { expectedRevision }, { state, revision });
    });
  }
}
