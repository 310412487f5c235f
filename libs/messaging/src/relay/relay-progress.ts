/** What a relay reports for health and metrics. */
export interface RelayProgress {
  name: string;
  holder: string;
  /** Whether this instance holds the lease (and so is the one publishing). */
  leader: boolean;
  /** Global position of the last event the broker acknowledged (the durable checkpoint). */
  lastPosition: number | null;
  /** Events published by this instance since it started. */
  publishedEvents: number;
  /** Publishing rate over the last few seconds. */
  eventsPerSecond: number;
  lastPublishedAt: string | null;
}

const WINDOW_MS = 5000;

/** Counts published events and their rate over a sliding window. */
export class RelayProgressMeter {
  private readonly recent: Array<{ at: number; count: number }> = [];
  publishedEvents = 0;
  lastPosition: number | null = null;
  lastPublishedAt: number | null = null;

  record(count: number, position: number, now = Date.now()): void {
    this.publishedEvents += count;
    this.lastPosition = position;
    this.lastPublishedAt = now;
    this.recent.push({ at: now, count });
    this.trim(now);
  }

  eventsPerSecond(now = Date.now()): number {
    this.trim(now);
    if (this.recent.length === 0) return 0;
    const count = this.recent.reduce((sum, entry) => sum + entry.count, 0);
    const span = Math.max(now - this.recent[0].at, 1000);
    return Math.round((count * 1000) / span);
  }

  private trim(now: number): void {
    while (this.recent.length > 0 && now - this.recent[0].at > WINDOW_MS) this.recent.shift();
  }
}
