import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, tracingEnabled } from './start-telemetry';
import { startOtlpJsonCollector, type OtlpJsonCollector } from './testing';
import { traceHeadersOf } from './trace-context';
import { inSpan, itsmTracer } from './tracer';

describe('telemetry when the OTEL_* variables do not turn it on', () => {
  let collector: OtlpJsonCollector;
  beforeAll(async () => {
    collector = await startOtlpJsonCollector();
  });
  afterAll(() => collector.close());

  /** The variables of a case, the collector's address standing for ENDPOINT. */
  const withEndpoint = (variables: Record<string, string>) =>
    Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, value === 'ENDPOINT' ? collector.endpoint : value]));

  it.each([
    ['nothing set', {}],
    ['only an OTLP endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'ENDPOINT' }],
    ['OTEL_TRACES_EXPORTER=none', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'ENDPOINT' }],
    ['OTEL_SDK_DISABLED=true', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'ENDPOINT' }],
  ])('registers no provider and exports no span with %s', async (_case, variables: Record<string, string>) => {
    const telemetry = startTelemetry({ serviceName: 'spec', env: withEndpoint(variables) });

    expect(telemetry.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    // The API's global provider is still its proxy with nothing behind it: every span is the no-op one.
    const provider = trace.getTracerProvider() as ProxyTracerProvider;
    expect(provider).toBeInstanceOf(ProxyTracerProvider);
    expect(provider.getDelegateTracer('@itsm/telemetry')).toBeUndefined();
    await inSpan('work', {}, async (span) => {
      expect(span.isRecording()).toBe(false);
      expect(trace.isSpanContextValid(span.spanContext())).toBe(false);
      // Nothing to propagate either: events keep the caller's traceparent as they did before tracing existed.
      expect(traceHeadersOf()).toBeNull();
    });
    expect(itsmTracer().startSpan('another').isRecording()).toBe(false);

    await telemetry.flush();
    await telemetry.shutdown();
    await new Promise((settled) => setTimeout(settled, 50));
    expect(collector.spans()).toEqual([]);
  });

  it('records the same work once a provider is started (the cases above are not silent by accident)', async () => {
    // OTLP export itself runs in the apps' processes (distributed-traces spec): its exporter loads node:http by a
    // dynamic import, which jest's module sandbox does not run.
    const exporter = new InMemorySpanExporter();
    const telemetry = startTelemetry({ serviceName: 'spec', exporter });
    expect(tracingEnabled()).toBe(true);
    await inSpan('work', {}, async (span) => {
      expect(span.isRecording()).toBe(true);
      expect(traceHeadersOf()?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    });
    // Read before shutdown, which empties the in-memory exporter.
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['work']);
    await telemetry.shutdown();
    expect(tracingEnabled()).toBe(false);
  });
});
