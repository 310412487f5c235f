import { newId, type EventMetadata } from '@itsm/event-sourcing';
import type { ProcessStatus } from '@itsm/projections';
import type { IncidentStreams } from '../../incident-stream/incident-streams';
import { systemClock, type Clock } from '../../ports/clock.port';
import type { SlaTimerClaims } from './sla-timer-claims';

export interface SlaSchedulerOptions {
  streams: Pick<IncidentStreams, 'tick'>;
  claims: SlaTimerClaims;
  clock?: Clock;
  /** Incidents claimed per poll; default 100. */
  batchSize?: number;
  /** How long a claim holds before another scheduler may take the incident (a crash in between); default 60 s. */
  leaseMs?: number;
  /** Default 1 s. */
  pollIntervalMs?: number;
  /** Told of every failure (a poll, or one incident's tick): logs, metrics. The work is tried again later. */
  onFailure?: (error: unknown, status: ProcessStatus) => void;
}

const ACTOR = { id: 'sla-scheduler', role: 'system', via: 'sla-timer' };

/**
 * The SLA timers' poller: claims incidents whose deadline is due (the `sla_due_timers` projection), tells each
 * incident's SLA engine that the clock ticked (through the write pipeline, so the warning or breach is decided on
 * the stream and appended at its revision), and releases the claim. Exactly once: a claim is exclusive, and a
 * second tick of the same deadline finds the announcement already in the stream, so nothing is written again.
 * Failures are reported and retried at the next poll, never swallowed.
 */
export class SlaScheduler {
  private readonly owner = `sla-scheduler-${newId()}`;
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly current: ProcessStatus = { name: 'sla_scheduler', position: -1, consecutiveFailures: 0, failuresTotal: 0, lastError: null, lastErrorAt: null };

  constructor(private readonly options: SlaSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** One poll; resolves with the number of SLA events appended. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.options.claims.claimDue(now, this.owner, { limit: this.options.batchSize, leaseMs: this.options.leaseMs });
    let appended = 0;
    for (const incidentId of claimed) {
      const metadata: EventMetadata = { actor: ACTOR, correlationId: `sla-tick-${incidentId}-${now.toISOString()}` };
      try {
        appended += (await this.options.streams.tick(incidentId, now, metadata)).length;
        await this.options.claims.release(incidentId, this.owner);
      } catch (error) {
        // The claim stays until its lease ends: the incident is tried again then.
        this.failed(error);
      }
    }
    return appended;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.poll());
    }, this.options.pollIntervalMs ?? 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  status(): ProcessStatus {
    return { ...this.current };
  }

  private async poll(): Promise<void> {
    try {
      const failuresBefore = this.current.failuresTotal;
      await this.runOnce();
      if (this.current.failuresTotal === failuresBefore) this.current.consecutiveFailures = 0;
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    this.current.consecutiveFailures++;
    this.current.failuresTotal++;
    this.current.lastError = error instanceof Error ? error.message : String(error);
    this.current.lastErrorAt = new Date().toISOString();
    this.options.onFailure?.(error, this.status());
  }
}
