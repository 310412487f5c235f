import { GENESIS_HASH, matchesExpectedRevision, WrongExpectedRevisionError, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { PollingSubscription } from '../postgres/polling-subscription';
import { sealEvents } from '../seal-events';
import { ImportOutOfOrderError } from '../postgres/import-events';

export interface InMemoryEventStoreOptions {
  /** The recording time of each append; default the wall clock (a seed moves it through planned lives). */
  now?: () => Date;
}

const matches = (event: RecordedEvent, filter: EventFilter | undefined): boolean =>
  (!filter?.types?.length || filter.types.includes(event.type)) &&
  (!filter?.streamPrefixes?.length || filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)));

/**
 * The event log in the process's memory: the same port and the same contract suite as the durable stores, and
 * nothing kept after the process. For staging many new streams before one multi-stream append to the real log
 * (`itsm seed`), and for tests of application code that need a store but no database.
 */
export class InMemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly now: () => Date;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appendNow(streamId, events, options);
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    // All or none: every expected revision is checked before anything is written.
    for (const { streamId, expectedRevision } of appends) {
      const current = this.revisionOf(streamId);
      if (!matchesExpectedRevision(expectedRevision, current)) throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    }
    return appends.map(({ streamId, events, expectedRevision }) => this.appendNow(streamId, events, { expectedRevision }));
  }

  async importEvents(events: readonly RecordedEvent[]): Promise<void> {
    let previous = this.all[this.all.length - 1]?.globalPosition ?? 0;
    for (const event of events) {
      if (event.globalPosition <= previous) throw new ImportOutOfOrderError(event.globalPosition, previous);
      previous = event.globalPosition;
    }
    for (const event of events) this.record({ ...event });
    this.wake();
  }

  async readStream(streamId: string, { fromRevision = 0, toRevision, asOf }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return (this.streams.get(streamId) ?? []).filter(
      (event) =>
        event.streamRevision >= fromRevision &&
        (toRevision === undefined || event.streamRevision <= toRevision) &&
        (asOf === undefined || Date.parse(event.recordedAt) <= asOf.getTime()),
    );
  }

  async readAll({ fromPosition = -1, maxCount, filter }: ReadAllOptions = {}): Promise<ReadAllResult> {
    const events: RecordedEvent[] = [];
    let lastPosition = fromPosition;
    for (const event of this.all) {
      if (event.globalPosition <= fromPosition) continue;
      if (maxCount !== undefined && events.length >= maxCount) break;
      lastPosition = event.globalPosition;
      if (matches(event, filter)) events.push(event);
    }
    return { events, lastPosition };
  }

  async headPosition(): Promise<number> {
    return this.all.at(-1)?.globalPosition ?? 0;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = new PollingSubscription(
      {
        readAll: (read) => this.readAll(read),
        onAppended: (wake) => {
          this.wakers.add(wake);
          return () => this.wakers.delete(wake);
        },
        pollIntervalMs: 1_000,
      },
      options,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private revisionOf(streamId: string): number {
    return (this.streams.get(streamId)?.length ?? 0) - 1;
  }

  private appendNow(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): AppendResult {
    const current = this.revisionOf(streamId);
    if (!matchesExpectedRevision(expectedRevision, current)) throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    const stream = this.streams.get(streamId) ?? [];
    const sealed = sealEvents(streamId, events, current, stream[stream.length - 1]?.hash ?? GENESIS_HASH, this.now());
    const recorded = sealed.map((event) => this.record({ ...event, globalPosition: (this.all[this.all.length - 1]?.globalPosition ?? 0) + 1 }));
    if (recorded.length > 0) this.wake();
    return {
      nextExpectedRevision: current + events.length,
      lastGlobalPosition: recorded[recorded.length - 1]?.globalPosition ?? -1,
      events: recorded,
    };
  }

  private record(event: RecordedEvent): RecordedEvent {
    this.all.push(event);
    this.streams.set(event.streamId, [...(this.streams.get(event.streamId) ?? []), event]);
    return event;
  }

  private wake(): void {
    for (const wake of this.wakers) wake();
  }
}

export const createInMemoryEventStore = (options?: InMemoryEventStoreOptions): InMemoryEventStore => new InMemoryEventStore(options);
