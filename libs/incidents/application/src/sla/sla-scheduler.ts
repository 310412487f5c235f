import { newId, WrongExpectedRevisionError, type EventMetadata } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { pendingSlaDeadlines } from '@itsm/incidents-domain';
import type { IncidentCatalog } from '../catalog-copy/incident-catalog.port';
import { systemClock, type Clock } from '../clock.port';
import { incidentStreamOf, loadIncidentStream } from '../incidents/incident-stream';
import { decideSlaFacts } from './sla-process';
import { sweepSlaSchedules, type SlaScheduleSweepResult } from './sla-schedule-sweep';
import type { SlaTimerStore } from './sla-timer-store';

export interface SlaSchedulerOptions {
  store: EventStore;
  catalog: Pick<IncidentCatalog, 'calendarVersions'>;
  timers: SlaTimerStore;
  clock?: Clock;
  /** Rows claimed per poll; default 100. */
  batchSize?: number;
  /** How long a claim holds before another scheduler may take the rows (a crash in between); default 60 s. */
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Incident events read per page by the start-up sweep; default 500. */
  sweepPageSize?: number;
}

const SCHEDULER_ACTOR = { id: 'sla-scheduler', role: 'system', via: 'sla-timer' };

/**
 * The durable SLA timers' poller: claims due rows, tells the incident's SLA policy the clock ticked, appends what it
 * announces with the expected revision, marks the rows fired and schedules the next deadlines. Exactly once: a
 * claim is exclusive (row locks, lease), and a second tick of the same deadline (lease expired, or a concurrent
 * command) finds the warning already in the stream, so the decider announces nothing again.
 */
export class SlaScheduler {
  private readonly owner = `sla-scheduler-${newId()}`;
  private readonly clock: Clock;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SlaSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** One poll; resolves with the number of SLA events appended. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.options.timers.claimDue(now, this.owner, {
      limit: this.options.batchSize,
      leaseMs: this.options.leaseMs,
    });
    let appended = 0;
    for (const incidentId of new Set(claimed.map((row) => row.incidentId))) appended += await this.tick(incidentId, now);
    return appended;
  }

  /** Reschedules from the log every incident whose timer rows were lost between its append and their write. */
  sweep(): Promise<SlaScheduleSweepResult> {
    const { store, catalog, timers, sweepPageSize } = this.options;
    return sweepSlaSchedules({ store, catalog, timers, pageSize: sweepPageSize });
  }

  /** Sweeps once, then polls: the first poll already sees the timers the sweep restored. */
  start(): void {
    if (this.timer) return;
    this.running = this.running.then(() => this.sweep()).catch(() => undefined);
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.runOnce()).catch(() => undefined);
    }, this.options.pollIntervalMs ?? 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async tick(incidentId: string, now: Date): Promise<number> {
    const metadata: EventMetadata = { actor: SCHEDULER_ACTOR, correlationId: `sla-tick-${incidentId}-${now.toISOString()}` };
    for (let attempt = 1; ; attempt++) {
      const loaded = await loadIncidentStream(this.options.store, this.options.catalog, incidentId);
      const decision = decideSlaFacts([{ type: 'ClockTicked', at: now }], loaded.sla, loaded.calendarOf);
      let revision = loaded.revision;
      try {
        if (decision.events.length > 0) {
          const result = await this.options.store.appendToStream(
            incidentStreamOf(incidentId),
            decision.events.map((event) => ({ type: event.type, data: event.data, metadata })),
            { expectedRevision: loaded.revision },
          );
          revision = result.nextExpectedRevision;
        }
      } catch (error) {
        // A command (or another scheduler) wrote first: decide again on the fresh stream.
        if (error instanceof WrongExpectedRevisionError && attempt < 5) continue;
        throw error;
      }
      await this.options.timers.markFired(incidentId, this.owner, now);
      await this.options.timers.reschedule(incidentId, revision, pendingSlaDeadlines(decision.state));
      return decision.events.length;
    }
  }
}
