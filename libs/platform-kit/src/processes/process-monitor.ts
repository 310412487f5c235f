import type { ProcessStatus } from '@itsm/projections';

/** Injection token of the process's `ProcessMonitor`. */
export const PROCESS_MONITOR = Symbol('PROCESS_MONITOR');

/** Failures in a row after which a process counts as failing (readiness down, `itsm_process_failing` 1). */
export const FAILING_AFTER_CONSECUTIVE_FAILURES = 3;

/**
 * Where a host's background work (schedulers, process managers) reports how it stands, so that a failure shows
 * on `/health/ready` and `/metrics`, never only in a log line.
 */
export class ProcessMonitor {
  private readonly sources: Array<() => ProcessStatus[]> = [];

  /** Adds a source of statuses (read at each probe and scrape). */
  register(source: () => ProcessStatus[]): void {
    this.sources.push(source);
  }

  statuses(): ProcessStatus[] {
    return this.sources.flatMap((source) => source());
  }

  failing(): ProcessStatus[] {
    return this.statuses().filter((status) => status.consecutiveFailures >= FAILING_AFTER_CONSECUTIVE_FAILURES);
  }
}
