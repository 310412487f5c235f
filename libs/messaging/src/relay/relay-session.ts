import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, Subscription } from '@itsm/event-store';
import { WakeSignal } from '../in-process/wake-signal';
import type { MessageBus, OutgoingMessage } from '../port/message-bus.port';
import { TrailingCheckpoint } from './trailing-checkpoint';

export interface RelaySessionOptions {
  store: EventStore;
  bus: MessageBus;
  fromCheckpoint: number | null;
  batchSize: number;
  toMessage: (event: RecordedEvent) => OutgoingMessage;
  /** Runs before each publish; throws to end the session (e.g. when the lease is no longer held). */
  beforePublish: () => void;
  /**
   * Stores the checkpoint at `last`, which the broker acknowledged with every event before it; `count` events
   * since the previous call. Runs behind the publishing (one call at a time); a rejection ends the session.
   */
  checkpoint: (last: RecordedEvent, count: number) => Promise<void>;
}

/** An event of the log with its message, mapped when it arrived rather than on the way to the broker. */
interface Outgoing {
  event: RecordedEvent;
  message: OutgoingMessage;
}

/**
 * The subscription reads pages of two batches and may buffer four: reads stay ahead of the publishing (a round
 * trip to the database per page is what a loaded machine makes slow), and memory stays bounded.
 */
const PAGE_BATCHES = 2;
const BUFFERED_BATCHES = 2 * PAGE_BATCHES;

/**
 * One run of the relay while it holds the lease: follows the log from the durable checkpoint, buffers what
 * the subscription delivers (bounded, so a slow broker holds the subscription back), and publishes in
 * batches of up to `batchSize` — as much as is there — one publish at a time, so the log's order is the
 * broker's order. Reading, mapping and the checkpoint writes run while a publish awaits its acknowledgement.
 * Ends on stop() or on the first error; a new session then starts again from the durable checkpoint.
 */
export class RelaySession {
  private readonly buffer: Outgoing[] = [];
  private readonly arrived = new WakeSignal();
  private readonly drained = new WakeSignal();
  private readonly subscription: Subscription;
  private readonly checkpoint: TrailingCheckpoint;
  private stopping = false;
  private failure: unknown;
  /** Resolves when the session has ended: after stop(), or rejects with the error that ended it. */
  readonly finished: Promise<void>;

  constructor(private readonly options: RelaySessionOptions) {
    this.checkpoint = new TrailingCheckpoint(options.checkpoint, (error) => this.fail(error));
    this.subscription = options.store.subscribeToAll({
      fromCheckpoint: options.fromCheckpoint,
      batchSize: PAGE_BATCHES * options.batchSize,
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
    this.buffer.push({ event, message: this.options.toMessage(event) });
    // The pump waits only on an empty buffer.
    if (this.buffer.length === 1) this.arrived.wakeAll();
    while (!this.stopping && this.buffer.length >= BUFFERED_BATCHES * this.options.batchSize) await this.drained.wait();
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
        await this.options.bus.publish(batch.map(({ message }) => message));
        this.checkpoint.acknowledged(batch[batch.length - 1].event, batch.length);
      }
    } catch (error) {
      this.fail(error);
    }
    // What was acknowledged is made durable before the session ends (a stop, too, leaves nothing unsaved).
    await this.checkpoint.settled();
    if (this.failure !== undefined) throw this.failure;
  }
}
