import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.registry';

/** How handling an event ended; free text is allowed, these are the usual ones. */
export type EventHandlingOutcome = 'handled' | 'skipped' | 'retried' | 'failed' | 'dead-lettered' | (string & {});

const LABELS = ['handler', 'outcome'] as const;

/** Event-handling figures for relays, projections and consumers: `eventMetrics.observe('stream_heads', 'handled', 0.002)`. */
@Injectable()
export class EventMetrics {
  private readonly handled: Counter<(typeof LABELS)[number]>;
  private readonly durations: Histogram<(typeof LABELS)[number]>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.handled = new Counter({ name: 'itsm_events_handled_total', help: 'Events handled, by handler and outcome', labelNames: LABELS, registers: [registry] });
    this.durations = new Histogram({
      name: 'itsm_event_handling_duration_seconds',
      help: 'Time to handle one event (or batch), by handler and outcome',
      labelNames: LABELS,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    });
  }

  observe(handler: string, outcome: EventHandlingOutcome, seconds: number, count = 1): void {
    this.handled.inc({ handler, outcome }, count);
    this.durations.observe({ handler, outcome }, seconds);
  }

  /** Runs `work` and records its duration as `handled`, or `failed` when it throws. */
  async time<T>(handler: string, work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await work();
      this.observe(handler, 'handled', seconds());
      return result;
    } catch (error) {
      this.observe(handler, 'failed', seconds());
      throw error;
    }
  }
}
