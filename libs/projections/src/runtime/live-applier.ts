import type { RecordedEvent } from '@itsm/event-sourcing';
import type { Subscription } from '@itsm/event-store';
import type { Projection } from '../projection';
import { applyBatchInTransaction, type ApplyTarget } from './apply-batch';
import { readCheckpoint } from './checkpoints';
import { filterOf } from './event-source';
import type { RuntimeContext } from './runtime-context';
import { tableNamesOf } from './sql-names';

/** Wait before following again after a failure (from the checkpoint). */
export const RESTART_DELAY_MS = 1_000;

/** Feeds one projection's live tables: from the log (embedded shape) or from batches pushed in (Kafka). */
export class LiveApplier {
  private subscription: Subscription | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  lastError: string | null = null;

  constructor(
    private readonly context: RuntimeContext,
    readonly projection: Projection,
  ) {}

  /** Where this projection's live rows and checkpoint go. */
  get target(): ApplyTarget {
    return {
      projection: this.projection,
      tables: tableNamesOf(this.projection, this.context.schema),
      slot: 'live',
      generation: null,
      deduplication: this.context.deduplication,
      upcast: this.context.upcast,
    };
  }

  /** Applies a batch in one transaction with its checkpoint; returns how many events were new. */
  async apply(events: readonly RecordedEvent[], readUpTo?: number): Promise<number> {
    const target = this.target;
    const { applied } = await this.context.db.transaction((tx) =>
      applyBatchInTransaction(tx, this.context.checkpoints, target, events, readUpTo),
    );
    return applied;
  }

  async checkpoint(): Promise<number> {
    const row = await readCheckpoint(this.context.db, this.context.checkpoints, this.projection.name, 'live');
    return row?.position ?? -1;
  }

  /** Reads the log from the checkpoint to the head in batches, one transaction each; returns the events applied. */
  async catchUp(): Promise<number> {
    const filter = filterOf(this.projection);
    let position = await this.checkpoint();
    let applied = 0;
    for (;;) {
      const { events, lastPosition } = await this.context.source.readAll({ fromPosition: position, maxCount: this.context.batchSize, filter });
      applied += await this.apply(events, lastPosition);
      position = lastPosition;
      if (events.length < this.context.batchSize) return applied;
    }
  }

  /**
   * Catches up to the log's head, retrying from the checkpoint after each failure (lastError meanwhile) until it
   * succeeds (true) or `stopped()` says to give up (false): how a projection out of its group gets back in.
   */
  async catchUpUntilDone(stopped: () => boolean): Promise<boolean> {
    while (!stopped()) {
      try {
        await this.catchUp();
        this.lastError = null;
        return true;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        await new Promise((resume) => setTimeout(resume, RESTART_DELAY_MS).unref());
      }
    }
    return false;
  }

  /** Catches up in batches, then follows the log event by event; restarts from the checkpoint after a failure. */
  async follow(): Promise<void> {
    this.stopped = false;
    try {
      await this.catchUp();
    } catch (error) {
      // An event this projection cannot apply yet (another one it reads, such as the catalog copy, is behind) is
      // retried from the checkpoint; it never fails the host's start, and shows as lastError meanwhile.
      this.restartAfter(error);
      return;
    }
    this.lastError = null;
    if (this.stopped) return;
    this.subscription = this.context.source.subscribeToAll({
      fromCheckpoint: await this.checkpoint(),
      filter: filterOf(this.projection),
      batchSize: this.context.batchSize,
      onEvent: async (event) => {
        await this.apply([event]);
        this.lastError = null;
      },
      onError: (error) => this.restartAfter(error),
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private restartAfter(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.subscription = undefined;
    if (this.stopped) return;
    this.restartTimer = setTimeout(() => void this.follow(), RESTART_DELAY_MS);
  }
}
