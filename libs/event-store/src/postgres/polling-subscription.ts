import type { RecordedEvent } from '@itsm/event-sourcing';
import type { ReadAllOptions, SubscribeOptions, Subscription } from '../event-store.port';
import type { LogPage } from './read-events';

/** Events as the subscription reads them: parsed (`RecordedEvent`) or with JSON text (`RecordedEventJson`). */
export interface PollingSource<Event extends { globalPosition: number } = RecordedEvent> {
  readAll(options: ReadAllOptions): Promise<LogPage<Event>>;
  /** Registers a callback for "new events may be there"; returns the function that unregisters it. */
  onAppended(wake: () => void): () => void;
  /** Longest wait between two reads when nothing wakes the subscription. */
  pollIntervalMs: number;
}

const DEFAULT_BATCH_SIZE = 256;

/** What a subscription does with what it read: each event in turn (`onEvent`), or the whole read at once (`onBatch`). */
export type PollingHandler<Event> =
  | { onEvent: (event: Event) => Promise<void> }
  | { onBatch: (events: Event[], readUpTo: number) => Promise<void> };

export type PollingOptions<Event> = Omit<SubscribeOptions, 'onEvent'> & PollingHandler<Event>;

/**
 * Follows the log with `readAll` from a checkpoint, one batch at a time. `readAll` never returns a position
 * past an event that is still to become visible, so continuing from its `lastPosition` skips nothing.
 */
export class PollingSubscription<Event extends { globalPosition: number } = RecordedEvent> implements Subscription {
  private stopping = false;
  private woken = false;
  private wakeSleeper: (() => void) | undefined;
  private readonly finished: Promise<void>;
  private current: number | null;

  constructor(
    private readonly source: PollingSource<Event>,
    private readonly options: PollingOptions<Event>,
  ) {
    this.current = options.fromCheckpoint ?? null;
    const unregister = source.onAppended(() => this.wake());
    this.finished = this.run().finally(unregister);
  }

  get checkpoint(): number | null {
    return this.current;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.finished;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let readFrom = this.current ?? 0;
    try {
      while (!this.stopping) {
        this.woken = false;
        const { events, lastPosition } = await this.source.readAll({
          fromPosition: readFrom,
          maxCount: batchSize,
          filter: this.options.filter,
        });
        if (!(await this.deliver(events, readFrom, lastPosition))) return;
        readFrom = lastPosition;
        if (events.length < batchSize) await this.sleep();
      }
    } catch (error) {
      this.stopping = true;
      this.options.onError?.(error);
    }
  }

  /** Hands the read over; false when the subscription stopped meanwhile. */
  private async deliver(events: Event[], readFrom: number, lastPosition: number): Promise<boolean> {
    const { options } = this;
    if ('onBatch' in options) {
      // A read that only passed events the filter skips still moves the reader's checkpoint.
      if (this.stopping) return false;
      if (events.length === 0 && lastPosition <= readFrom) return true;
      await options.onBatch(events, lastPosition);
      this.current = events[events.length - 1]?.globalPosition ?? this.current;
      return true;
    }
    for (const event of events) {
      if (this.stopping) return false;
      await options.onEvent(event);
      this.current = event.globalPosition;
    }
    return true;
  }

  private sleep(): Promise<void> {
    if (this.woken || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake(), this.source.pollIntervalMs);
      this.wakeSleeper = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
    });
  }

  private wake(): void {
    this.woken = true;
    this.wakeSleeper?.();
  }
}
