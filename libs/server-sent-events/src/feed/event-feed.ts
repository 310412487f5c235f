import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventFilter, EventStore } from '@itsm/event-store';
import type { LiveLogTail } from './live-log-tail';

const CATCH_UP_BATCH = 256;

export interface EventFeedOptions {
  store: Pick<EventStore, 'readAll'>;
  tail: LiveLogTail;
  /** Last position the client has (exclusive); undefined: from now on. */
  after: number | undefined;
  /** Narrows the catch-up reads (the selection's types); events are still checked one by one by `accept`. */
  filter?: EventFilter;
  /** Whether this client gets the event (its selection and what its roles may read). */
  accept(event: RecordedEvent): Promise<boolean> | boolean;
  /**
   * Hands one event over (upcast: the tail's events already are, the catch-up reads go through `upcast`); the
   * feed waits when it answers a promise (a traced delivery).
   */
  send(event: RecordedEvent): void | Promise<void>;
  upcast(event: RecordedEvent): RecordedEvent;
}

export class PositionAheadOfLog extends Error {
  constructor(readonly requested: number, readonly head: number) {
    super(`Position ${requested} is ahead of the log (its head is ${head})`);
    this.name = 'PositionAheadOfLog';
  }
}

/**
 * One client's view of the log: the events after its position, read from the log up to where the shared tail was
 * when the client joined, then the tail's events. Each position is handed over at most once and none is skipped,
 * in log order, so a client that resumes from its last id sees every event exactly once.
 */
export class EventFeed {
  private readonly pending: RecordedEvent[] = [];
  private wakeUp: (() => void) | undefined;
  private stopped = false;
  private failure: unknown;
  private detach: (() => void) | undefined;
  /** The last position handled (sent or passed over). */
  private cursor = -1;
  /** Where the tail was when this feed joined it: below it, the feed reads the log. */
  private joinedAt = -1;

  constructor(private readonly options: EventFeedOptions) {}

  /**
   * Joins the tail; throws `PositionAheadOfLog` when the client names a position the log has not reached (a
   * client of another installation), before anything is sent.
   */
  async open(): Promise<void> {
    const attachment = await this.options.tail.attach({
      event: (event) => {
        this.pending.push(event);
        this.wake();
      },
      ended: (error) => {
        this.failure = error;
        this.stop();
      },
    });
    this.detach = attachment.detach;
    const { after } = this.options;
    if (after !== undefined && after > attachment.position) {
      this.stop();
      throw new PositionAheadOfLog(after, attachment.position);
    }
    this.cursor = after ?? attachment.position;
    this.joinedAt = attachment.position;
  }

  /** Runs until `stop()` (or the tail ends); rejects with the tail's error when the store failed. */
  async run(): Promise<void> {
    await this.catchUp(this.joinedAt);
    while (!this.stopped) {
      const next = this.pending.shift();
      if (next === undefined) {
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
        continue;
      }
      await this.handle(next);
    }
    if (this.failure !== undefined) throw this.failure;
  }

  stop(): void {
    this.stopped = true;
    this.detach?.();
    this.wake();
  }

  private async catchUp(until: number): Promise<void> {
    while (!this.stopped && this.cursor < until) {
      const { events, lastPosition } = await this.options.store.readAll({
        fromPosition: this.cursor,
        maxCount: CATCH_UP_BATCH,
        filter: this.options.filter,
      });
      for (const event of events) {
        if (this.stopped || event.globalPosition > until) return;
        await this.handle(this.options.upcast(event));
      }
      // A filtered read moves past the events it skipped; the tail's events take over from `until`.
      const reached = Math.min(lastPosition, until);
      if (events.length === 0 && reached <= this.cursor) return;
      this.cursor = Math.max(this.cursor, reached);
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    if (event.globalPosition <= this.cursor) return;
    if (await this.options.accept(event)) {
      if (this.stopped) return;
      const sent = this.options.send(event);
      if (sent instanceof Promise) await sent;
    }
    this.cursor = event.globalPosition;
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }
}
