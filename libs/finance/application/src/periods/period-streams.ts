import { financePeriodStreamId } from '@itsm/contracts';
import { decisionOf, type Clock, type EventMetadata, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import { periodDecider, requirePeriodMonth, type PeriodCommand, type PeriodState } from '@itsm/finance-domain';
import { derivedId } from '../stream-ids';
import type { FinanceCommandOptions, FinanceCommandResult, Intent } from '../streams/finance-streams';

/** The stream of a period ("2026-03"): `finance-period-<uuid v5 of the period>`, the same on every process. */
export const periodStreamIdOf = (period: string): string => financePeriodStreamId(derivedId('finance-period', requirePeriodMonth(period)));

/**
 * A period's stream through the kernel's write pipeline. A period exists from its first command (a run or an
 * adjustment); one never touched is open with nothing in it (revision -1).
 */
export class PeriodStreams {
  constructor(
    private readonly pipeline: WritePipeline,
    private readonly clock: Clock,
  ) {}

  load(period: string): Promise<{ state: PeriodState; revision: number }> {
    return this.pipeline.load(periodStreamIdOf(period), (events) => (events as unknown as Parameters<typeof periodDecider.evolve>[1][]).reduce(periodDecider.evolve, periodDecider.initialState()));
  }

  /**
   * `loaded`: the period as the caller just loaded it, so that its stream (every run with its inputs, the statements
   * with their lines) is not read again; a write in between fails with WrongExpectedRevisionError.
   */
  async execute(
    period: string,
    intent: Intent<PeriodCommand>,
    metadata: EventMetadata,
    options: FinanceCommandOptions = {},
    loaded?: { state: PeriodState; revision: number },
  ): Promise<FinanceCommandResult<PeriodState> & { events: RecordedEvent[] }> {
    const command = { ...intent, metadata: { now: this.clock.now(), actor: metadata.actor } } as PeriodCommand;
    const result = await this.pipeline.execute(periodStreamIdOf(period), decisionOf(periodDecider, command), { metadata, expectedRevision: options.expectedRevision, loaded });
    return { id: period, revision: result.revision, state: result.state, events: result.events };
  }
}
