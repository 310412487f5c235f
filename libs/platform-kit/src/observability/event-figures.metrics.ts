import { Gauge, type Registry } from 'prom-client';
import type { RelayProgress } from '@itsm/messaging';
import type { ProcessStatus, ProjectionStatus } from '@itsm/projections';

/**
 * Event-handling figures read at scrape time from the relay and the projection runtime, so /metrics shows how
 * far each has come without them depending on Prometheus.
 */
export const registerRelayFigures = (registry: Registry, progress: () => RelayProgress): void => {
  new Gauge({
    name: 'itsm_relay_published_events',
    help: 'Events the relay has published since this process started',
    labelNames: ['relay'],
    registers: [registry],
    collect() {
      const { name, publishedEvents } = progress();
      this.set({ relay: name }, publishedEvents);
    },
  });
  new Gauge({
    name: 'itsm_relay_checkpoint_position',
    help: 'Log position up to which the relay has published (its checkpoint)',
    labelNames: ['relay'],
    registers: [registry],
    collect() {
      const { name, lastPosition } = progress();
      this.set({ relay: name }, lastPosition ?? -1);
    },
  });
};

export const registerProjectionFigures = (registry: Registry, status: () => Promise<ProjectionStatus[]>): void => {
  new Gauge({
    name: 'itsm_projection_position',
    help: 'Log position each projection has applied',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      for (const projection of await status()) this.set({ projection: projection.name }, projection.position);
    },
  });
  new Gauge({
    name: 'itsm_projection_failing',
    help: '1 while a projection is stopped on an error',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      for (const projection of await status()) this.set({ projection: projection.name }, projection.lastError ? 1 : 0);
    },
  });
};

/** Background work (schedulers, process managers): where each stands and whether it is stuck on a failure. */
export const registerProcessFigures = (registry: Registry, statuses: () => ProcessStatus[]): void => {
  new Gauge({
    name: 'itsm_process_failures',
    help: 'Failed attempts of a scheduler or process since this process started (each is retried)',
    labelNames: ['process'],
    registers: [registry],
    collect() {
      for (const status of statuses()) this.set({ process: status.name }, status.failuresTotal);
    },
  });
  new Gauge({
    name: 'itsm_process_consecutive_failures',
    help: 'Failures in a row on the work a scheduler or process is on (0 when its last attempt succeeded)',
    labelNames: ['process'],
    registers: [registry],
    collect() {
      for (const status of statuses()) this.set({ process: status.name }, status.consecutiveFailures);
    },
  });
  new Gauge({
    name: 'itsm_process_position',
    help: 'Log position of the last event a process manager handled (-1 for schedulers)',
    labelNames: ['process'],
    registers: [registry],
    collect() {
      for (const status of statuses()) this.set({ process: status.name }, status.position);
    },
  });
};
