import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, Subscription } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';

/** What a tail hands to the feeds attached to it. */
export interface TailListener {
  event(event: RecordedEvent): void;
  /** The tail stopped (the store failed or the process is stopping); the feed ends. */
  ended(error?: unknown): void;
}

export interface TailAttachment {
  /** Everything up to here was written before the listener was attached: read it from the log to catch up. */
  position: number;
  detach(): void;
}

/**
 * One subscription to the log per process, shared by every open event stream: an append wakes it once (the store's
 * own wake-up, NOTIFY on a server), and it hands each new event to every feed. Two hundred clients cost one read
 * per batch, not two hundred. It starts with the first feed and follows from the head it found.
 */
export class LiveLogTail {
  private readonly listeners = new Set<TailListener>();
  private subscription: Subscription | undefined;
  private starting: Promise<void> | undefined;
  private position = -1;
  private closed = false;

  /** `upcast`: applied once per event here, so every feed gets the same (current-version) object. */
  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'subscribeToAll'>,
    private readonly upcast: (event: RecordedEvent) => RecordedEvent = (event) => event,
  ) {}

  async attach(listener: TailListener): Promise<TailAttachment> {
    if (this.closed) throw new Error('The live log tail is closed');
    await (this.starting ??= this.start());
    // Read and added in one turn of the event loop: every event after `position` reaches the listener.
    this.listeners.add(listener);
    return { position: this.position, detach: () => this.listeners.delete(listener) };
  }

  get feeds(): number {
    return this.listeners.size;
  }

  /** Stops following and ends every attached feed. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopAndEnd();
  }

  private async start(): Promise<void> {
    this.position = await readHeadPosition(this.store);
    this.subscription = this.store.subscribeToAll({
      fromCheckpoint: this.position,
      onEvent: async (stored) => {
        const event = this.upcast(stored);
        for (const listener of this.listeners) listener.event(event);
        this.position = event.globalPosition;
      },
      onError: (error) => void this.stopAndEnd(error),
    });
  }

  /** A failed subscription is not restarted here: its feeds end, their clients reconnect with Last-Event-ID. */
  private async stopAndEnd(error?: unknown): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    this.starting = undefined;
    const ended = [...this.listeners];
    this.listeners.clear();
    for (const listener of ended) listener.ended(error);
    await subscription?.stop();
  }
}
