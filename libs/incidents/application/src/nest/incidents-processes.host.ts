import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { EVENT_STORE, PROCESS_MONITOR, SQL_DATABASE, type ProcessMonitor } from '@itsm/platform-kit';
import { ProcessRunner } from '@itsm/projections';
import { IncidentHierarchyProcess } from '../processes/incident-hierarchy/incident-hierarchy.process';
import { SlaScheduler } from '../processes/sla-timers/sla-scheduler';

/**
 * Runs the incidents' background work in the host that imports the application module with processes on: the SLA
 * scheduler and the incident-hierarchy process manager. Started once the app is up, stopped before the event log
 * closes; each reports to the host's process monitor (readiness, metrics) and logs every failure.
 */
@Injectable()
export class IncidentsProcessesHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('IncidentsProcesses');
  private runner: ProcessRunner | undefined;

  constructor(
    private readonly scheduler: SlaScheduler,
    private readonly hierarchy: IncidentHierarchyProcess,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlExecutor,
    @Optional() @Inject(PROCESS_MONITOR) private readonly monitor?: ProcessMonitor,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner = await ProcessRunner.create({
      db: this.db,
      source: this.store,
      processes: [this.hierarchy],
      onFailure: (process, error, status) =>
        this.logger.error(`${process} failed (attempt ${status.consecutiveFailures} on this event, retrying): ${error instanceof Error ? error.message : String(error)}`),
    });
    this.monitor?.register(() => [...(this.runner?.statuses() ?? []), this.scheduler.status()]);
    await this.runner.start();
    this.scheduler.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.runner?.stop();
    this.logger.log('SLA scheduler and incident-hierarchy process stopped');
  }
}
