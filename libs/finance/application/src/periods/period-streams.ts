import { financePeriodStreamId } from '@itsm/contracts';
import { decisionOf, WrongExpectedRevisionError, type Clock, type EventMetadata, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import { periodDecider, requirePeriodMonth, type PeriodCommand, type PeriodState } from '@itsm/finance-domain';
import { derivedId } from '../stream-ids';
import type { FinanceCommandOptions, FinanceCommandResult, Intent } from '../streams/finance-streams';
import { RecentPeriodStates, type KeptPeriod } from './recent-period-states';

/** The stream of a period ("2026-03"): `finance-period-<uuid v5 of the period>`, the same on every process. */
export const periodStreamIdOf = (period: string): string => financePeriodStreamId(derivedId('finance-period', requirePeriodMonth(period)));

/**
 * A period's stream through the kernel's write pipeline. A period exists from its first command (a run or an
 * adjustment); one never touched is open with nothing in it (revision -1).
 */
export class PeriodStreams {
  private readonly written = new RecentPeriodStates();

  constructor(
    private readonly pipeline: WritePipeline,
    private readonly clock: Clock,
  ) {}

  /** The period as recorded now (read and folded): what queries show. */
  load(period: string): Promise<{ state: PeriodState; revision: number }> {
    return this.pipeline.load(periodStreamIdOf(period), (events) => (events as unknown as Parameters<typeof periodDecider.evolve>[1][]).reduce(periodDecider.evolve, periodDecider.initialState()));
  }

  /**
   * Runs `command` on the period as this process last wrote it when it kept it (and it is the revision the caller
   * expects, if any), else as read. `command` passes what it is given to `execute` as `loaded`: when another process
   * wrote in between, that append fails with WrongExpectedRevisionError, and `command` runs once more on the stream
   * as read.
   */
  async withLatest<T>(period: string, expectedRevision: number | undefined, command: (loaded: KeptPeriod) => Promise<T>): Promise<T> {
    const kept = this.written.recall(period);
    if (kept !== undefined && (expectedRevision === undefined || expectedRevision === kept.revision)) {
      try {
        return await command(kept);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        this.written.forget(period);
      }
    }
    return command(await this.load(period));
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
    this.written.remember(period, { state: result.state, revision: result.revision });
    return { id: period, revision: result.revision, state: result.state, events: result.events };
  }
}
