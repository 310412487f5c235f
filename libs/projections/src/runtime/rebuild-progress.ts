/** Where a rebuild is: shadow tables being created, catching up with the log, swapping in, or finished. */
export type RebuildState = 'starting' | 'catching-up' | 'swapping' | 'done' | 'failed';

/** A snapshot of a rebuild, for the HTTP API, metrics and the CLI progress bar. */
export interface RebuildProgress {
  projection: string;
  generation: string;
  state: RebuildState;
  /** Log position reached: the events of the log read so far. */
  done: number;
  /** The log's head when last looked at; grows while writers keep appending. */
  total: number;
  /** Events the projection applied (those of its types). */
  eventsApplied: number;
  /** Log events read per second since the start. */
  eventsPerSecond: number;
  /** Seconds to reach the head at the current rate; null until a rate is known. */
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** Keeps the figures of one rebuild; `snapshot()` computes rate and ETA from the clock. */
export class RebuildProgressTracker {
  private state: RebuildState = 'starting';
  private done = 0;
  private total = 0;
  private eventsApplied = 0;
  private readonly startedAt = Date.now();
  private finishedAt: number | null = null;
  private error: string | null = null;

  constructor(
    readonly projection: string,
    readonly generation: string,
    private readonly now: () => number = Date.now,
  ) {}

  setState(state: RebuildState): void {
    this.state = state;
    if (state === 'done' || state === 'failed') this.finishedAt = this.now();
  }

  fail(error: unknown): void {
    this.error = error instanceof Error ? error.message : String(error);
    this.setState('failed');
  }

  setTotal(head: number): void {
    this.total = Math.max(this.total, head, this.done);
  }

  advance(position: number, applied: number): void {
    this.done = Math.max(this.done, position);
    this.total = Math.max(this.total, this.done);
    this.eventsApplied += applied;
  }

  snapshot(): RebuildProgress {
    const seconds = ((this.finishedAt ?? this.now()) - this.startedAt) / 1000;
    const eventsPerSecond = seconds > 0 ? this.done / seconds : 0;
    const remaining = this.total - this.done;
    return {
      projection: this.projection,
      generation: this.generation,
      state: this.state,
      done: this.done,
      total: this.total,
      eventsApplied: this.eventsApplied,
      eventsPerSecond: Math.round(eventsPerSecond),
      etaSeconds: remaining === 0 ? 0 : eventsPerSecond > 0 ? remaining / eventsPerSecond : null,
      startedAt: new Date(this.startedAt).toISOString(),
      finishedAt: this.finishedAt === null ? null : new Date(this.finishedAt).toISOString(),
      error: this.error,
    };
  }
}
