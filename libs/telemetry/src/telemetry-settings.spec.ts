import { telemetrySettingsFrom, TelemetrySettingsError } from './telemetry-settings';

describe('telemetrySettingsFrom (the standard OTEL_* variables)', () => {
  it('is off when no exporter is named, when it is none, or when the SDK is disabled', () => {
    expect(telemetrySettingsFrom({})).toEqual({ exporters: [] });
    expect(telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: 'none' })).toEqual({ exporters: [] });
    expect(telemetrySettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({ exporters: [] });
    expect(telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toEqual({ exporters: [] });
  });

  it('takes otlp and console, as a comma-separated list', () => {
    expect(telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: 'otlp' })).toEqual({ exporters: ['otlp'] });
    expect(telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: ' OTLP, console ,otlp' })).toEqual({ exporters: ['otlp', 'console'] });
    expect(telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toEqual({ exporters: ['otlp'] });
  });

  it('refuses exporters and OTLP protocols it cannot serve, naming each', () => {
    expect(() => telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/"zipkin" is not one of otlp, console, none/);
    const refused = (() => {
      try {
        telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: 'otlp,jaeger', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(TelemetrySettingsError);
    expect((refused as TelemetrySettingsError).problems).toEqual([
      'OTEL_TRACES_EXPORTER "jaeger" is not one of otlp, console, none',
      'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL "grpc" is not supported: traces are exported as http/json',
    ]);
  });
});
