import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventFilter, SubscribeBatchOptions, Subscription } from '@itsm/event-store';
import { applyGroupInTransaction, GroupMemberFailed } from './apply-group';
import { readCheckpoints } from './checkpoints';
import { filterOf } from './event-source';
import { RESTART_DELAY_MS, type LiveApplier } from './live-applier';
import type { RuntimeContext } from './runtime-context';

export type SubscribeInBatches = (options: SubscribeBatchOptions) => Subscription;

/**
 * Feeds the live tables of a host's projections from one subscription: one read of the log and one transaction
 * per batch for all of them, each with its own checkpoint moved in that transaction (one projection apart took
 * ~6 transactions per service registered). Appends made while a batch is applied come together in the next one.
 * A projection that fails a batch leaves the group, and the others take the batch again without it; it catches up
 * alone, retrying from its checkpoint (lastError meanwhile), and once it has, it is back in the group at the next
 * batch. The group reads every member's types all along, so one that comes back finds its events in the reads.
 */
export class LiveGroup {
  private readonly members = new Map<string, LiveApplier>();
  /** Every projection the group serves, in it or catching up alone: the reads' filter. */
  private readonly served: readonly LiveApplier[];
  /** Caught up alone: back in at the next batch. */
  private readonly readyToRejoin = new Set<LiveApplier>();
  private subscription: Subscription | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly context: RuntimeContext,
    private readonly subscribe: SubscribeInBatches,
    members: readonly LiveApplier[],
    /** Projections that could not catch up yet: they join once they have. */
    behind: readonly LiveApplier[] = [],
  ) {
    for (const member of members) this.members.set(member.projection.name, member);
    this.served = [...members, ...behind];
    for (const applier of behind) this.recover(applier);
  }

  /** Follows the log from the lowest checkpoint of the projections it serves (each skips what it has applied already). */
  async follow(): Promise<void> {
    if (this.stopped || this.served.length === 0) return;
    let from: number;
    try {
      const names = this.served.map((applier) => applier.projection.name);
      const checkpoints = await readCheckpoints(this.context.db, this.context.checkpoints, names, 'live');
      from = Math.min(...names.map((name) => checkpoints.get(name)?.position ?? -1));
    } catch (error) {
      this.restartAfter(error);
      return;
    }
    if (this.stopped) return;
    this.subscription = this.subscribe({
      fromCheckpoint: from,
      filter: this.filter(),
      batchSize: this.context.batchSize,
      onBatch: (events, readUpTo) => this.apply(events.map((event) => this.context.upcast(event)), readUpTo),
      onError: (error) => this.restartAfter(error),
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private async apply(events: RecordedEvent[], readUpTo: number): Promise<void> {
    await this.rejoinCaughtUp();
    for (;;) {
      const members = [...this.members.values()];
      if (members.length === 0) return;
      try {
        await this.context.db.transaction((tx) =>
          applyGroupInTransaction(
            tx,
            this.context.checkpoints,
            members.map((member) => member.target),
            events,
            readUpTo,
          ),
        );
        for (const member of members) member.lastError = null;
        return;
      } catch (error) {
        if (!(error instanceof GroupMemberFailed)) throw error;
        this.leave(error);
      }
    }
  }

  /** The failing projection catches up alone from its checkpoint; the group keeps its read position. */
  private leave({ projection, cause }: GroupMemberFailed): void {
    const member = this.members.get(projection);
    this.members.delete(projection);
    if (!member) return;
    member.lastError = cause instanceof Error ? cause.message : String(cause);
    this.recover(member);
  }

  private recover(applier: LiveApplier): void {
    void applier.catchUpUntilDone(() => this.stopped).then((caughtUp) => {
      if (caughtUp) this.readyToRejoin.add(applier);
    });
  }

  /**
   * Takes back those that caught up alone, between two batches: each catches up once more to the log's head, past
   * everything the group read so far (the batch about to be applied included, which it then skips), so no event
   * falls between its own reads and the group's.
   */
  private async rejoinCaughtUp(): Promise<void> {
    for (const applier of [...this.readyToRejoin]) {
      this.readyToRejoin.delete(applier);
      try {
        await applier.catchUp();
      } catch (error) {
        applier.lastError = error instanceof Error ? error.message : String(error);
        this.recover(applier);
        continue;
      }
      this.members.set(applier.projection.name, applier);
    }
  }

  /** The types any projection served takes; none (every event) when one of them takes all. */
  private filter(): EventFilter | undefined {
    const types = new Set<string>();
    for (const member of this.served) {
      const filter = filterOf(member.projection);
      if (!filter?.types) return undefined;
      filter.types.forEach((type) => types.add(type));
    }
    return { types: [...types] };
  }

  private restartAfter(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    for (const member of this.members.values()) member.lastError = message;
    this.subscription = undefined;
    if (this.stopped) return;
    this.restartTimer = setTimeout(() => void this.follow(), RESTART_DELAY_MS);
  }
}
