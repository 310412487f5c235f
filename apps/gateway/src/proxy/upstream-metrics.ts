import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@itsm/platform-kit';

/** Forwarded requests by service and outcome (the HTTP status, `unreachable` or `timeout`), and their duration. */
@Injectable()
export class UpstreamMetrics {
  private readonly requests: Counter<'service' | 'outcome'>;
  private readonly durations: Histogram<'service'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.requests = new Counter({
      name: 'gateway_upstream_requests_total',
      help: 'Requests forwarded to a service, by outcome',
      labelNames: ['service', 'outcome'],
      registers: [registry],
    });
    this.durations = new Histogram({
      name: 'gateway_upstream_duration_seconds',
      help: 'Time until a service answered a forwarded request (headers received)',
      labelNames: ['service'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  record(service: string, outcome: number | 'unreachable' | 'timeout', startedAt: bigint): void {
    this.requests.inc({ service, outcome: String(outcome) });
    this.durations.observe({ service }, Number(process.hrtime.bigint() - startedAt) / 1e9);
  }
}
