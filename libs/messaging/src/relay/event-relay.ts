import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { EVENT_UPCASTERS, upcastEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, RecordedEventJson, SqlExecutor } from '@itsm/event-store';
import { WakeSignal } from '../in-process/wake-signal';
import { toCloudEventMessage, toCloudEventMessageFromJson } from '../cloudevents/cloudevent-message.mapping';
import type { MessageBus, OutgoingMessage } from '../port/message-bus.port';
import { RelayCheckpoints } from './relay-checkpoints';
import { RelayLease, RelayLeaseLostError } from './relay-lease';
import { RelayProgressMeter, type RelayProgress } from './relay-progress';
import { migrateRelaySchema, relayTables } from './relay-schema';
import { RelaySession } from './relay-session';

export interface EventRelayOptions {
  store: EventStore;
  bus: MessageBus;
  /** Where the checkpoint and the lease live (the event log's database). */
  executor: SqlExecutor;
  /** Relays with one name share a checkpoint and a lease; default `default`. */
  name?: string;
  /** Schema of the relay's tables; default `relay`. */
  schema?: string;
  /** This instance in the lease table; default host, pid and a random suffix. */
  holder?: string;
  /** Most events per publish; default 500. */
  batchSize?: number;
  /** Prepended to every topic (isolates test runs, e.g. `run-42.`); default none. */
  topicPrefix?: string;
  /** How long a lease lasts without renewal; default 10 s. Renewed every third of it. */
  leaseTtlMs?: number;
  /** Wait before a new session after an error (broker or database unreachable); default 1 s. */
  retryDelayMs?: number;
  /** The event → message mapping; default CloudEvents binary mode (DESIGN §4). */
  toMessage?: (event: RecordedEvent) => OutgoingMessage;
  /** Brings events to the latest schema of their type before they are published; default the platform's registry. */
  upcast?: (event: RecordedEvent) => RecordedEvent;
  /** Told about every error the relay recovers from by starting over from its checkpoint. */
  onError?: (error: unknown) => void;
}

const sleepUnlessWoken = (signal: WakeSignal, ms: number) => signal.wait(ms);

/**
 * Event log → message bus, at least once and in log order (DESIGN §4). Only the holder of the lease
 * publishes; it follows `subscribeToAll` from the durable checkpoint, publishes batches, and moves the
 * checkpoint (fenced on the lease) only after the broker acknowledged. After a crash the next holder
 * republishes from the checkpoint: duplicates are possible, gaps and reordering within a stream are not.
 */
export class EventRelay {
  private readonly tables;
  private readonly checkpoints: RelayCheckpoints;
  private readonly lease: RelayLease;
  private readonly meter = new RelayProgressMeter();
  private readonly stopSignal = new WakeSignal();
  private readonly name: string;
  private readonly leaseTtlMs: number;
  private session: RelaySession | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: EventRelayOptions) {
    this.name = options.name ?? 'default';
    this.leaseTtlMs = options.leaseTtlMs ?? 10_000;
    this.tables = relayTables(options.schema);
    this.checkpoints = new RelayCheckpoints(options.executor, this.tables);
    const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lease = new RelayLease(options.executor, this.tables, this.name, holder, this.leaseTtlMs);
  }

  /** Creates the relay's tables, then relays in the background until stop(). */
  async start(): Promise<void> {
    if (this.running) throw new Error(`Relay "${this.name}" is already running`);
    await migrateRelaySchema(this.options.executor, this.tables);
    this.running = this.run();
  }

  /** Stops publishing (the batch in flight completes or is dropped unacknowledged), releases the lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSignal.wakeAll();
    await this.session?.stop();
    await this.running;
  }

  progress(): RelayProgress {
    return {
      name: this.name,
      holder: this.lease.holder,
      leader: this.lease.isHeld(0),
      lastPosition: this.meter.lastPosition,
      publishedEvents: this.meter.publishedEvents,
      eventsPerSecond: this.meter.eventsPerSecond(),
      lastPublishedAt: this.meter.lastPublishedAt === null ? null : new Date(this.meter.lastPublishedAt).toISOString(),
    };
  }

  private async run(): Promise<void> {
    const heartbeatMs = Math.floor(this.leaseTtlMs / 3);
    while (!this.stopping) {
      try {
        if (await this.lease.acquireOrRenew()) {
          await this.relayWhileHoldingLease(heartbeatMs);
        } else {
          await sleepUnlessWoken(this.stopSignal, heartbeatMs);
        }
      } catch (error) {
        this.options.onError?.(error);
        if (!this.stopping) await sleepUnlessWoken(this.stopSignal, this.options.retryDelayMs ?? 1000);
      }
    }
    await this.lease.release().catch((error) => this.options.onError?.(error));
  }

  private async relayWhileHoldingLease(heartbeatMs: number): Promise<void> {
    const fromCheckpoint = await this.checkpoints.load(this.name);
    if (this.meter.lastPosition === null) this.meter.lastPosition = fromCheckpoint;
    const prefix = this.options.topicPrefix ?? '';
    const withPrefix = (message: OutgoingMessage) => (prefix ? prefixed(message, prefix) : message);
    const mapping = this.options.toMessage ?? toCloudEventMessage;
    const upcast = this.options.upcast ?? upcastEvent;
    // Downstream systems read the published contract: the latest version of each event type.
    const toMessage = (event: RecordedEvent) => withPrefix(mapping(upcast(event)));
    // The default mapping takes the stored JSON text as it is, unless an upcaster has to change the data.
    const isLatest = this.options.upcast
      ? () => false
      : (event: RecordedEventJson) => EVENT_UPCASTERS.latestVersion(event.type, event.schemaVersion) === event.schemaVersion;
    const toMessageFromJson = this.options.toMessage
      ? undefined
      : (event: RecordedEventJson) =>
          isLatest(event) ? withPrefix(toCloudEventMessageFromJson(event)) : toMessage(parsedEvent(event));
    // Stop publishing a renewal interval before the lease could expire, so a new holder never overlaps us.
    const safetyMarginMs = heartbeatMs;
    const session = new RelaySession({
      store: this.options.store,
      bus: this.options.bus,
      fromCheckpoint,
      batchSize: this.options.batchSize ?? 500,
      toMessage,
      toMessageFromJson,
      beforePublish: () => {
        if (!this.lease.isHeld(safetyMarginMs)) throw new RelayLeaseLostError(this.name, this.lease.holder);
      },
      afterPublish: async (lastPosition, count) => {
        await this.checkpoints.save(this.lease, lastPosition);
        this.meter.record(count, lastPosition);
      },
    });
    this.session = session;
    const heartbeat = setInterval(() => {
      this.lease.acquireOrRenew().then(
        (held) => {
          if (!held) void session.stop();
        },
        // A failed renewal is not yet a lost lease: beforePublish stops publishing once it may have expired.
        (error) => this.options.onError?.(error),
      );
    }, heartbeatMs);
    try {
      await session.finished;
    } finally {
      clearInterval(heartbeat);
      this.session = undefined;
    }
  }
}

const prefixed = (message: OutgoingMessage, prefix: string): OutgoingMessage => ({
  ...message,
  topic: prefix + message.topic,
});

const parsedEvent = ({ dataJson, actorJson, ...envelope }: RecordedEventJson): RecordedEvent => ({
  ...envelope,
  data: JSON.parse(dataJson),
  actor: JSON.parse(actorJson),
});

/** Creates and starts a relay. */
export const startEventRelay = async (options: EventRelayOptions): Promise<EventRelay> => {
  const relay = new EventRelay(options);
  await relay.start();
  return relay;
};
