import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import {
  GENESIS_HASH,
  NO_STREAM_REVISION,
  WrongExpectedRevisionError,
  matchesExpectedRevision,
  newEventId,
  type NewEvent,
  type RecordedEvent,
} from '@itsm/event-sourcing';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { sealEvents } from '../seal-events';
import { toEsdbConnectionString } from './esdb-connection-string';
import { fromEsdbRecordedEvent, toEsdbEventData } from './esdb-envelope';
import { fromEsdbCurrentRevision, retriesAfterConflict, toEsdbAppendRevision } from './esdb-expected-revision';
import { planEsdbFilter } from './esdb-filter';
import { toGlobalPosition, toReadPosition } from './esdb-position';
import { subscribeToEsdbAll } from './eventstoredb-subscription';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` (`kurrentdb://` is accepted too). */
  connectionString: string;
  /** Events fetched per `$all` page by `readAll`. */
  readAllPageSize?: number;
  /** Re-seal-and-append attempts when concurrent writers keep winning an `any` append. */
  maxAppendAttempts?: number;
}

interface StreamHead {
  revision: number;
  hash: string;
}

/** A short random pause lets concurrent `any` writers to one stream stop colliding on every attempt. */
const backOff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10) * 5));

/** Collects a read, treating a stream that does not exist as an empty one. */
const collect = async (read: StreamingRead<ResolvedEvent>): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  try {
    for await (const { event } of read) {
      if (event) events.push(fromEsdbRecordedEvent(event));
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
};

/**
 * The event log on EventStoreDB (DESIGN §3): our streams are its streams, our global position is the
 * `$all` position, and the envelope beyond type and data travels as the event's metadata JSON.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();
  private readonly readAllPageSize: number;
  private readonly maxAppendAttempts: number;

  constructor(
    private readonly client: EventStoreDBClient,
    options: Omit<EventStoreDbEventStoreOptions, 'connectionString'> = {},
  ) {
    // Each page repeats the previous page's last event, so a page must hold at least two.
    this.readAllPageSize = Math.max(2, options.readAllPageSize ?? 500);
    this.maxAppendAttempts = options.maxAppendAttempts ?? 50;
  }

  async appendToStream(streamId: string, events: NewEvent[], { expectedRevision }: AppendOptions): Promise<AppendResult> {
    // Ids are fixed once, so every attempt appends the very same events.
    const withIds = events.map((event) => ({ ...event, eventId: event.eventId ?? newEventId() }));
    for (let attempt = 1; ; attempt++) {
      const head = await this.readHead(streamId);
      if (!matchesExpectedRevision(expectedRevision, head.revision)) {
        throw new WrongExpectedRevisionError(streamId, expectedRevision, head.revision);
      }
      if (withIds.length === 0) return { nextExpectedRevision: head.revision, lastGlobalPosition: -1, events: [] };
      const sealed = sealEvents(streamId, withIds, head.revision, head.hash, new Date());
      try {
        await this.client.appendToStream(streamId, sealed.map(toEsdbEventData), {
          expectedRevision: toEsdbAppendRevision(head.revision),
        });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (!retriesAfterConflict(expectedRevision) || attempt >= this.maxAppendAttempts) {
          throw new WrongExpectedRevisionError(streamId, expectedRevision, fromEsdbCurrentRevision(error.actualVersion));
        }
        await backOff(attempt);
        continue;
      }
      // Read back: the append result carries one position, each event needs its own.
      const recorded = await this.readStream(streamId, {
        fromRevision: head.revision + 1,
        toRevision: head.revision + sealed.length,
      });
      const last = recorded[recorded.length - 1];
      if (recorded.length !== sealed.length || last?.eventId !== sealed[sealed.length - 1]?.eventId) {
        throw new Error(`EventStoreDB did not return the ${sealed.length} events just appended to ${streamId}`);
      }
      return { nextExpectedRevision: last.streamRevision, lastGlobalPosition: last.globalPosition, events: recorded };
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(0, options.fromRevision ?? 0);
    if (options.toRevision !== undefined && options.toRevision < from) return [];
    const events = await collect(
      this.client.readStream(streamId, {
        fromRevision: BigInt(from),
        ...(options.toRevision === undefined ? {} : { maxCount: options.toRevision - from + 1 }),
      }),
    );
    const asOf = options.asOf?.getTime();
    return asOf === undefined ? events : events.filter((event) => Date.parse(event.recordedAt) <= asOf);
  }

  /**
   * `readAll` of client 6.2.1 sends no server-side filter, so `$all` is read in pages and the filter (system
   * events excluded) is applied here; `subscribeToAll` does filter on the server.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const plan = planEsdbFilter(options.filter);
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    let lastPosition = options.fromPosition ?? -1;
    while (events.length < maxCount) {
      const page = this.client.readAll({ fromPosition: toReadPosition(lastPosition), maxCount: this.readAllPageSize });
      let scanned = 0;
      // A page starts at the last position read (inclusive on the server), which is skipped below.
      for await (const { event } of page) {
        scanned += 1;
        if (!event || event.position.commit <= BigInt(lastPosition)) continue;
        if (events.length >= maxCount) {
          await page.cancel();
          break;
        }
        if (plan.matches(event)) events.push(fromEsdbRecordedEvent(event));
        lastPosition = toGlobalPosition(event.position, event.id);
      }
      if (scanned < this.readAllPageSize) break;
    }
    return { events, lastPosition };
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = subscribeToEsdbAll(this.client, options);
    this.subscriptions.add(subscription);
    return {
      get checkpoint() {
        return subscription.checkpoint;
      },
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async ping(): Promise<void> {
    // Reading the log's last record is all a health check needs.
    await this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }).toArray();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  /** The stream's last revision and hash, from a backwards read of one event. */
  private async readHead(streamId: string): Promise<StreamHead> {
    const [last] = await collect(this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }));
    return last ? { revision: last.streamRevision, hash: last.hash } : { revision: NO_STREAM_REVISION, hash: GENESIS_HASH };
  }
}

export const createEventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): EventStoreDbEventStore =>
  new EventStoreDbEventStore(EventStoreDBClient.connectionString(toEsdbConnectionString(options.connectionString)), options);
