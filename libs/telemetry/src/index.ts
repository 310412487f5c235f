export { telemetrySettingsFrom, TelemetrySettingsError, type SpanExporterKind, type TelemetrySettings } from './telemetry-settings';
export {
  currentTelemetry,
  shutdownTelemetry,
  startTelemetry,
  tracingEnabled,
  type StartTelemetryOptions,
  type Telemetry,
} from './start-telemetry';
export { inSpan, itsmTracer, recordFailure, TRACER_NAME } from './tracer';
export { contextOfTraceHeaders, spanContextOfTraceparent, traceHeadersOf, type TraceHeaders } from './trace-context';
export { ATTR } from './attributes';
export { traceEventStore } from './traced-event-store';
export { traceMessageBus, TRANSPORT_TRACEPARENT, TRANSPORT_TRACESTATE, type TraceMessageBusOptions } from './traced-message-bus';
export { inDeliverySpan, inProjectionSpan, inReactionSpan, traceProjectionSubscriptions, type DeliveredEvent, type DeliveryChannel } from './event-spans';
export { CommandSpanInterceptor, traceHttpRequests } from './http';
export * from './testing';
