import { context, propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { telemetrySettingsFrom, type SpanExporterKind } from './telemetry-settings';

export interface StartTelemetryOptions {
  /** `service.name` unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) names it. */
  serviceName: string;
  /**
   * The variables that decide whether to trace and how to export (OTEL_TRACES_EXPORTER, OTEL_SDK_DISABLED, the OTLP
   * protocol); default the process environment. The SDK reads the rest (endpoint, headers, sampler, batching) from
   * the process environment itself.
   */
  env?: Record<string, string | undefined>;
  /** Tests: export every span at once to this exporter (e.g. InMemorySpanExporter), whatever the variables say. */
  exporter?: SpanExporter;
}

/** The process's tracing, once started. */
export interface Telemetry {
  readonly enabled: boolean;
  /** Exports the spans still buffered. */
  flush(): Promise<void>;
  /** Flushes, then unregisters the provider, the context manager and the propagator. */
  shutdown(): Promise<void>;
}

const OFF: Telemetry = { enabled: false, flush: async () => undefined, shutdown: async () => undefined };

let current: Telemetry = OFF;

/** True once `startTelemetry` registered a provider: hook points wrap their port only then, so off costs nothing. */
export const tracingEnabled = (): boolean => current.enabled;

const processorFor = (kind: SpanExporterKind): SpanProcessor =>
  // Both read OTEL_BSP_* (batch size, delay) and OTEL_EXPORTER_OTLP_* (endpoint, headers, timeout) themselves.
  kind === 'otlp' ? new BatchSpanProcessor(new OTLPTraceExporter()) : new SimpleSpanProcessor(new ConsoleSpanExporter());

/**
 * Sets up tracing for this process from the standard OTEL_* variables (off by default): a NodeTracerProvider with
 * AsyncLocalStorage context and W3C trace context propagation, exporting by OTLP/HTTP. Call it first thing in a
 * process, before the app is built. A second call returns the first one's telemetry.
 */
export const startTelemetry = (options: StartTelemetryOptions): Telemetry => {
  if (current.enabled) return current;
  const env = options.env ?? process.env;
  const processors = options.exporter
    ? [new SimpleSpanProcessor(options.exporter)]
    : telemetrySettingsFrom(env).exporters.map(processorFor);
  if (processors.length === 0) return OFF;
  const provider = new NodeTracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: processors,
  });
  provider.register({
    propagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  });
  const telemetry: Telemetry = {
    enabled: true,
    flush: () => provider.forceFlush(),
    async shutdown() {
      if (current === telemetry) current = OFF;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  current = telemetry;
  return telemetry;
};

/** The running telemetry (a no-op one when tracing is off). */
export const currentTelemetry = (): Telemetry => current;

/** Flushes and stops the running telemetry: hosts call it last when they stop, so the final spans are exported. */
export const shutdownTelemetry = (): Promise<void> => current.shutdown();
