import { Global, Inject, Module, Optional } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { Registry } from 'prom-client';
import { registerProcessFigures } from '../observability/event-figures.metrics';
import { METRICS_REGISTRY } from '../observability/metrics.registry';
import { PROCESS_MONITOR, ProcessMonitor } from '../processes/process-monitor';
import { ProcessesHealthIndicator } from '../processes/processes.health';
import { EventStoreHealthIndicator } from './event-store.health';
import { HealthController } from './health.controller';
import { MessageBusHealthIndicator } from './message-bus.health';

/** Probes, and the monitor where background work reports how it stands (global: every context's processes use it). */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' })],
  controllers: [HealthController],
  providers: [EventStoreHealthIndicator, MessageBusHealthIndicator, ProcessesHealthIndicator, { provide: PROCESS_MONITOR, useValue: new ProcessMonitor() }],
  exports: [PROCESS_MONITOR],
})
export class HealthModule {
  constructor(@Inject(PROCESS_MONITOR) monitor: ProcessMonitor, @Optional() @Inject(METRICS_REGISTRY) registry?: Registry) {
    if (registry) registerProcessFigures(registry, () => monitor.statuses());
  }
}
