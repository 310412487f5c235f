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
 * A projection that fails a batch leaves the group and follows the log alone (its own retries and lastError);
 * the others take the batch again without it.
 */
export class LiveGroup {
  private readonly members = new Map<string, LiveApplier>();
  private subscription: Subscription | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly context: RuntimeContext,
    private readonly subscribe: SubscribeInBatches,
    members: readonly LiveApplier[],
  ) {
    for (const member of members) this.members.set(member.projection.name, member);
  }

  /** Follows the log from the lowest checkpoint of the members (each skips what it has applied already). */
  async follow(): Promise<void> {
    if (this.stopped || this.members.size === 0) return;
    let from: number;
    try {
      const checkpoints = await readCheckpoints(this.context.db, this.context.checkpoints, [...this.members.keys()], 'live');
      from = Math.min(...[...this.members.keys()].map((name) => checkpoints.get(name)?.position ?? -1));
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

  /** The failing projection goes on alone from its checkpoint; the group keeps its read position. */
  private leave({ projection, cause }: GroupMemberFailed): void {
    const member = this.members.get(projection);
    this.members.delete(projection);
    if (!member) return;
    member.lastError = cause instanceof Error ? cause.message : String(cause);
    void member.follow();
  }

  /** The types any member takes; none (every event) when one of them takes all. */
  private filter(): EventFilter | undefined {
    const types = new Set<string>();
    for (const member of this.members.values()) {
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
