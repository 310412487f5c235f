/**
 * Which span exporters the standard OpenTelemetry variables ask for. Tracing is off unless OTEL_TRACES_EXPORTER
 * names one (the SDK's own default, otlp, would make every process try to reach a collector that is not there).
 */
export type SpanExporterKind = 'otlp' | 'console';

export interface TelemetrySettings {
  /** Empty: tracing is off, no provider is registered and no span is recorded. */
  exporters: SpanExporterKind[];
}

const EXPORTERS: ReadonlySet<string> = new Set(['otlp', 'console']);
/** exporter-trace-otlp-http speaks OTLP/HTTP with JSON bodies; protobuf and gRPC would need other packages. */
const SUPPORTED_PROTOCOL = 'http/json';

/** Thrown at start-up when the OTEL_* variables ask for something this platform cannot do. */
export class TelemetrySettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`OpenTelemetry settings: ${problems.join('; ')}`);
    this.name = 'TelemetrySettingsError';
  }
}

const valueOf = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value ? value : undefined;
};

/** Reads OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER and the OTLP protocol variables; the rest is the SDK's to read. */
export const telemetrySettingsFrom = (env: Record<string, string | undefined>): TelemetrySettings => {
  if (valueOf(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { exporters: [] };
  const named = (valueOf(env, 'OTEL_TRACES_EXPORTER') ?? 'none')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'none');
  const problems = named
    .filter((name) => !EXPORTERS.has(name))
    .map((name) => `OTEL_TRACES_EXPORTER "${name}" is not one of otlp, console, none`);
  if (named.includes('otlp')) {
    for (const variable of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
      const protocol = valueOf(env, variable);
      if (protocol !== undefined && protocol !== SUPPORTED_PROTOCOL) {
        problems.push(`${variable} "${protocol}" is not supported: traces are exported as ${SUPPORTED_PROTOCOL}`);
      }
    }
  }
  if (problems.length > 0) throw new TelemetrySettingsError(problems);
  return { exporters: [...new Set(named)] as SpanExporterKind[] };
};
