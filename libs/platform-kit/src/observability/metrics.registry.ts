import { collectDefaultMetrics, Registry } from 'prom-client';

/** Injection token of the process's Prometheus registry (one per Nest app, so tests can run several). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export const createMetricsRegistry = (): Registry => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
};
