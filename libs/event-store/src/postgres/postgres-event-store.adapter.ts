import type { NewEvent, RecordedEvent } from '@itsm/event-sourcing';
import type {
  AppendOptions,
  AppendResult,
  EventFilter,
  EventStore,
  StreamAppend,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  SubscribeBatchOptions,
  SubscribeJsonOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { appendEvents, appendEventsToStreams, type AppendOutcome, type AppendRequest } from './append-events';
import { appendGroup } from './append-group';
import type { EventLogSchema } from './event-log-schema';
import { GroupCommit } from './group-commit';
import { importRecordedEvents } from './import-events';
import { PollingSubscription, type PollingOptions } from './polling-subscription';
import { readAllEvents, readAllEventsJson, readLastPosition, readStreamEvents, type LogPage } from './read-events';
import type { SqlExecutor, Unlisten } from './sql-executor.port';

export interface PostgresEventStoreOptions {
  /**
   * Longest wait of a subscription between two reads when no append wakes it: default 250 ms, and 2 s on a server,
   * where other processes' appends wake it by NOTIFY and the poll only covers a notice lost with its connection.
   */
  pollIntervalMs?: number;
}

const POLL_INTERVAL_MS = 250;
/** The platform runs ~30 subscriptions: at 250 ms they made ~120 reads a second on an idle server. */
const POLL_INTERVAL_WITH_NOTIFY_MS = 2_000;

/** Events per group commit: about one full INSERT (a bigger append goes alone). */
const MAX_EVENTS_PER_GROUP = 1000;
const GROUPS_IN_FLIGHT_ON_A_SERVER = 2;

/**
 * The event log in one PostgreSQL table, the same SQL on a server (`pg`) and in process (PGlite).
 * Build it with `createPostgresEventStore` or `createPgliteEventStore`, which migrate the schema first.
 */
export class PostgresEventStore implements EventStore {
  /** Each subscription's wake-up with its filter: an append of ours wakes only the subscriptions it concerns. */
  private readonly wakers = new Map<() => void, EventFilter | undefined>();
  private readonly subscriptions = new Set<Subscription>();
  private unlisten: Promise<Unlisten | undefined> | undefined;
  private readonly pollIntervalMs: number;
  /** Concurrent appends from this process share transactions (see group-commit.ts and append-group.ts). */
  private readonly appends: GroupCommit<AppendRequest, AppendOutcome>;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly names: EventLogSchema,
    options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? (executor.listen ? POLL_INTERVAL_WITH_NOTIFY_MS : POLL_INTERVAL_MS);
    this.appends = new GroupCommit({
      commitGroup: (requests) => appendGroup(executor, names, requests, this.notifyChannel()),
      commitAlone: (request) => appendEvents(executor, names, { ...request, notifyChannel: this.notifyChannel() }),
      weightOf: (request) => request.events.length,
      maxGroupWeight: MAX_EVENTS_PER_GROUP,
      // One connection (PGlite) runs one transaction at a time: a second group would only wait for it. On a server
      // two measured best (bench, 8 writers): the next group waits on the lock, not on a client round trip.
      maxGroupsInFlight: executor.runsOneTransactionAtATime ? 1 : GROUPS_IN_FLIGHT_ON_A_SERVER,
    });
  }

  async appendToStream(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    return this.resultOf(await this.appends.submit({ streamId, events, expectedRevision }));
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const notifyChannel = this.notifyChannel();
    const appended = await appendEventsToStreams(
      this.executor,
      this.names,
      appends.map(({ streamId, events, expectedRevision }) => ({ streamId, events, expectedRevision, notifyChannel })),
    );
    return appended.map((outcome) => this.resultOf(outcome));
  }

  private notifyChannel(): string | undefined {
    return this.executor.listen ? this.names.channel : undefined;
  }

  private resultOf(appended: AppendOutcome): AppendResult {
    const last = appended.events[appended.events.length - 1];
    if (last) this.wakeSubscriptions(appended.events);
    return {
      nextExpectedRevision: last?.streamRevision ?? appended.currentRevision,
      lastGlobalPosition: last?.globalPosition ?? -1,
      events: appended.events,
    };
  }

  async importEvents(events: readonly RecordedEvent[]): Promise<void> {
    await importRecordedEvents(this.executor, this.names, events);
    if (events.length > 0) this.wakeSubscriptions();
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return readStreamEvents(this.executor, this.names, streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    return readAllEvents(this.executor, this.names, options);
  }

  headPosition(): Promise<number> {
    return readLastPosition(this.executor, this.names);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.follow((readOptions) => this.readAll(readOptions), options);
  }

  subscribeToAllBatches(options: SubscribeBatchOptions): Subscription {
    return this.follow((readOptions) => this.readAll(readOptions), options);
  }

  subscribeToAllJson(options: SubscribeJsonOptions): Subscription {
    return this.follow((readOptions) => readAllEventsJson(this.executor, this.names, readOptions), options);
  }

  private follow<Event extends { globalPosition: number }>(
    readAll: (options: ReadAllOptions) => Promise<LogPage<Event>>,
    options: PollingOptions<Event>,
  ): Subscription {
    this.listenForOtherWriters();
    const subscription = new PollingSubscription<Event>(
      {
        readAll,
        onAppended: (wake) => {
          this.wakers.set(wake, options.filter);
          return () => this.wakers.delete(wake);
        },
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
    );
    this.subscriptions.add(subscription);
    return {
      get checkpoint() {
        return subscription.checkpoint;
      },
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  async ping(): Promise<void> {
    await this.executor.query('SELECT 1');
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    const unlisten = await this.unlisten;
    await unlisten?.();
    await this.executor.close();
  }

  /**
   * Wakes the subscriptions that may have new events: with the events we appended, only those whose filter takes
   * one of them (the platform's ~30 subscriptions, one per projection, each re-read the log on every append
   * otherwise); without (imports, other writers), all. Positions become visible in order, so a subscription woken
   * by its event reads everything before it too; one not woken still reads on its poll interval.
   */
  private wakeSubscriptions(appended?: readonly RecordedEvent[]): void {
    for (const [wake, filter] of this.wakers) {
      if (!appended || !filter || appended.some((event) => takes(filter, event))) wake();
    }
  }

  /**
   * Other processes append to a server database too: their NOTIFY wakes our subscriptions; polling remains the
   * fallback. Our own appends' NOTIFY is skipped: they woke the subscriptions they concern already.
   */
  private listenForOtherWriters(): void {
    if (this.unlisten || !this.executor.listen) return;
    this.unlisten = this.executor
      .listen(this.names.channel, ({ fromThisExecutor }) => {
        if (!fromThisExecutor) this.wakeSubscriptions();
      })
      .catch(() => undefined);
  }
}

/** readAll's filter on one event: one of the types (if any are named) and one of the stream prefixes (if any). */
const takes = (filter: EventFilter, event: RecordedEvent): boolean =>
  (!filter.types?.length || filter.types.includes(event.type)) &&
  (!filter.streamPrefixes?.length || filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix)));
