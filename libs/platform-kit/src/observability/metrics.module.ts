import { Global, Module } from '@nestjs/common';
import { EventMetrics } from './event-metrics';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics.registry';

/** `/metrics` (Prometheus) with process figures; `HttpMetrics` and `EventMetrics` for the rest of the app. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, useFactory: createMetricsRegistry }, HttpMetrics, EventMetrics],
  exports: [METRICS_REGISTRY, HttpMetrics, EventMetrics],
})
export class MetricsModule {}
