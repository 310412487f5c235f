import type { NewEvent, RecordedEvent } from '@itsm/event-sourcing';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  StreamAppend,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  SubscribeJsonOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { appendEvents, appendEventsToStreams, type AppendOutcome } from './append-events';
import type { EventLogSchema } from './event-log-schema';
import { importRecordedEvents } from './import-events';
import { PollingSubscription } from './polling-subscription';
import { readAllEvents, readAllEventsJson, readStreamEvents, type LogPage } from './read-events';
import type { SqlExecutor, Unlisten } from './sql-executor.port';

export interface PostgresEventStoreOptions {
  /** Longest wait of a subscription between two reads when no append wakes it. */
  pollIntervalMs?: number;
}

/**
 * The event log in one PostgreSQL table, the same SQL on a server (`pg`) and in process (PGlite).
 * Build it with `createPostgresEventStore` or `createPgliteEventStore`, which migrate the schema first.
 */
export class PostgresEventStore implements EventStore {
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();
  private unlisten: Promise<Unlisten | undefined> | undefined;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly names: EventLogSchema,
    options: PostgresEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  async appendToStream(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    const appended = await appendEvents(this.executor, this.names, {
      streamId,
      events,
      expectedRevision,
      notifyChannel: this.notifyChannel(),
    });
    return this.resultOf(appended);
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
    if (last) this.wakeSubscriptions();
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

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.follow((readOptions) => this.readAll(readOptions), options);
  }

  subscribeToAllJson(options: SubscribeJsonOptions): Subscription {
    return this.follow((readOptions) => readAllEventsJson(this.executor, this.names, readOptions), options);
  }

  private follow<Event extends { globalPosition: number }>(
    readAll: (options: ReadAllOptions) => Promise<LogPage<Event>>,
    options: Omit<SubscribeOptions, 'onEvent'> & { onEvent: (event: Event) => Promise<void> },
  ): Subscription {
    this.listenForOtherWriters();
    const subscription = new PollingSubscription<Event>(
      {
        readAll,
        onAppended: (wake) => {
          this.wakers.add(wake);
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

  private wakeSubscriptions(): void {
    for (const wake of this.wakers) wake();
  }

  /** Other processes append to a server database too: their NOTIFY wakes our subscriptions; polling remains the fallback. */
  private listenForOtherWriters(): void {
    if (this.unlisten || !this.executor.listen) return;
    this.unlisten = this.executor.listen(this.names.channel, () => this.wakeSubscriptions()).catch(() => undefined);
  }
}
