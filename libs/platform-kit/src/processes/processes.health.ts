import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { PROCESS_MONITOR, type ProcessMonitor } from './process-monitor';

/** Down while a scheduler or process manager keeps failing on the same work; names each with its last error. */
@Injectable()
export class ProcessesHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(PROCESS_MONITOR) private readonly monitor: ProcessMonitor,
  ) {}

  check(): HealthIndicatorResult {
    const check = this.indicator.check('processes');
    const failing = this.monitor.failing();
    const details = Object.fromEntries(
      this.monitor.statuses().map((status) => [status.name, { position: status.position, consecutiveFailures: status.consecutiveFailures, lastError: status.lastError }]),
    );
    return failing.length === 0 ? check.up(details) : check.down(details);
  }
}
