import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, RecordedEventJson, Subscription } from '@itsm/event-store';
import { WakeSignal } from '../in-process/wake-signal';
import type { MessageBus, OutgoingMessage } from '../port/message-bus.port';

export interface RelaySessionOptions {
  store: EventStore;
  bus: MessageBus;
  fromCheckpoint: number | null;
  batchSize: number;
  toMessage: (event: RecordedEvent) => OutgoingMessage;
  /**
   * The mapping of an event read with its data and actor as JSON text. When given and the store offers
   * `subscribeToAllJson`, the session reads that way and nothing parses the data on the relay's path.
   */
  toMessageFromJson?: (event: RecordedEventJson) => OutgoingMessage;
  /** Runs before each publish; throws to end the session (e.g. when the lease is no longer held). */
  beforePublish: () => void;
  /** Runs after the broker acknowledged a batch, with its last event's position; stores the checkpoint. */
  afterPublish: (lastPosition: number, count: number) => Promise<void>;
}

/**
 * One run of the relay while it holds the lease: follows the log from the durable checkpoint and maps each event to
 * its message as it arrives, so reading and mapping the next batch overlap the publish of the current one. The
 * buffer is bounded (two batches), so a slow broker holds the subscription back. Publishes in batches of up to
 * `batchSize` — as much as is there — one at a time, in log order. After a batch is acknowledged its checkpoint is
 * stored (fenced on the lease) while the next batch goes out; the next checkpoint waits for it, and a failed one
 * ends the session, so at most the one batch then in flight goes out unacknowledged (the next holder republishes
 * it: a duplicate, never a gap). The lease is checked before every publish, the prefetched batch included.
 * Ends on stop() or on the first error; a new session then starts again from the durable checkpoint.
 */
export class RelaySession {
  private readonly messages: OutgoingMessage[] = [];
  private readonly positions: number[] = [];
  private readonly arrived = new WakeSignal();
  private readonly drained = new WakeSignal();
  private readonly subscription: Subscription;
  private stopping = false;
  private failure: unknown;
  /** Resolves when the session has ended: after stop(), or rejects with the error that ended it. */
  readonly finished: Promise<void>;

  constructor(private readonly options: RelaySessionOptions) {
    this.subscription = this.subscribe();
    this.finished = this.pump().finally(() => this.subscription.stop());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.arrived.wakeAll();
    this.drained.wakeAll();
    await this.finished.catch(() => undefined);
  }

  private subscribe(): Subscription {
    const { store, fromCheckpoint, batchSize, toMessage, toMessageFromJson } = this.options;
    const onError = (error: unknown) => this.fail(error);
    if (toMessageFromJson && store.subscribeToAllJson) {
      return store.subscribeToAllJson({
        fromCheckpoint,
        batchSize,
        onEvent: (event) => this.enqueue(toMessageFromJson(event), event.globalPosition),
        onError,
      });
    }
    return store.subscribeToAll({
      fromCheckpoint,
      batchSize,
      onEvent: (event) => this.enqueue(toMessage(event), event.globalPosition),
      onError,
    });
  }

  private async enqueue(message: OutgoingMessage, position: number): Promise<void> {
    this.messages.push(message);
    this.positions.push(position);
    this.arrived.wakeAll();
    while (!this.stopping && this.messages.length >= 2 * this.options.batchSize) await this.drained.wait();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.stopping = true;
    this.arrived.wakeAll();
    this.drained.wakeAll();
  }

  private async pump(): Promise<void> {
    // The checkpoint of the last acknowledged batch, being stored while the next batch is published: at most one
    // of each in flight, and each checkpoint written only after the one before it.
    let checkpointing: Promise<void> = Promise.resolve();
    try {
      while (!this.stopping) {
        if (this.messages.length === 0) {
          await this.arrived.wait();
          // Let the subscription hand over the rest of the page it read, so the batch takes what is there.
          await nextTurn();
          continue;
        }
        const batch = this.messages.splice(0, this.options.batchSize);
        const lastPosition = this.positions.splice(0, batch.length)[batch.length - 1];
        this.drained.wakeAll();
        this.options.beforePublish();
        await this.options.bus.publish(batch);
        await checkpointing;
        checkpointing = this.options.afterPublish(lastPosition, batch.length);
        // A failed (fenced) checkpoint ends the session before another batch starts.
        checkpointing.catch((error: unknown) => this.fail(error));
      }
    } catch (error) {
      this.fail(error);
    }
    // Stopping writes the last acknowledged batch's checkpoint before the session ends.
    await checkpointing.catch((error: unknown) => this.fail(error));
    if (this.failure !== undefined) throw this.failure;
  }
}
