import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, Subscription } from '@itsm/event-store';
import { WakeSignal } from '../in-process/wake-signal';
import type { MessageBus, OutgoingMessage } from '../port/message-bus.port';

export interface RelaySessionOptions {
  store: EventStore;
  bus: MessageBus;
  fromCheckpoint: number | null;
  batchSize: number;
  toMessage: (event: RecordedEvent) => OutgoingMessage;
  /** Runs before each publish; throws to end the session (e.g. when the lease is no longer held). */
  beforePublish: () => void;
  /** Runs after the broker acknowledged a batch, with its last event; stores the checkpoint. */
  afterPublish: (last: RecordedEvent, count: number) => Promise<void>;
}

/**
 * One run of the relay while it holds the lease: follows the log from the durable checkpoint, buffers what
 * the subscription delivers (bounded, so a slow broker holds the subscription back), and publishes in
 * batches of up to `batchSize` — as much as is there — checkpointing after each acknowledged batch.
 * Ends on stop() or on the first error; a new session then starts again from the durable checkpoint.
 */
export class RelaySession {
  private readonly buffer: RecordedEvent[] = [];
  private readonly arrived = new WakeSignal();
  private readonly drained = new WakeSignal();
  private readonly subscription: Subscription;
  private stopping = false;
  private failure: unknown;
  /** Resolves when the session has ended: after stop(), or rejects with the error that ended it. */
  readonly finished: Promise<void>;

  constructor(private readonly options: RelaySessionOptions) {
    this.subscription = options.store.subscribeToAll({
      fromCheckpoint: options.fromCheckpoint,
      batchSize: options.batchSize,
      onEvent: (event) => this.enqueue(event),
      onError: (error) => this.fail(error),
    });
    this.finished = this.pump().finally(() => this.subscription.stop());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.arrived.wakeAll();
    this.drained.wakeAll();
    await this.finished.catch(() => undefined);
  }

  private async enqueue(event: RecordedEvent): Promise<void> {
    this.buffer.push(event);
    this.arrived.wakeAll();
    while (!this.stopping && this.buffer.length >= 2 * this.options.batchSize) await this.drained.wait();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.stopping = true;
    this.arrived.wakeAll();
    this.drained.wakeAll();
  }

  private async pump(): Promise<void> {
    try {
      while (!this.stopping) {
        if (this.buffer.length === 0) {
          await this.arrived.wait();
          // Let the subscription hand over the rest of the page it read, so the batch takes what is there.
          await nextTurn();
          continue;
        }
        const batch = this.buffer.splice(0, this.options.batchSize);
        this.drained.wakeAll();
        this.options.beforePublish();
        await this.options.bus.publish(batch.map(this.options.toMessage));
        await this.options.afterPublish(batch[batch.length - 1], batch.length);
      }
    } catch (error) {
      this.fail(error);
    }
    if (this.failure !== undefined) throw this.failure;
  }
}
