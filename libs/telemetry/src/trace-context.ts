import { context, propagation, trace, ROOT_CONTEXT, type Context, type SpanContext } from '@opentelemetry/api';

/** W3C Trace Context as it travels: in HTTP headers, the events' metadata and CloudEvents' tracing extension. */
export interface TraceHeaders {
  traceparent: string;
  tracestate?: string;
}

/** The W3C headers of a context (none when it holds no valid span context, or no propagator is registered). */
export const traceHeadersOf = (of: Context = context.active()): TraceHeaders | null => {
  const carrier: Record<string, string> = {};
  propagation.inject(of, carrier);
  if (!carrier['traceparent']) return null;
  return carrier['tracestate'] ? { traceparent: carrier['traceparent'], tracestate: carrier['tracestate'] } : { traceparent: carrier['traceparent'] };
};

/** The remote context a traceparent (and tracestate) names, ready to parent spans; ROOT_CONTEXT when invalid. */
export const contextOfTraceHeaders = (headers: { traceparent?: string | null; tracestate?: string | null }): Context => {
  if (!headers.traceparent) return ROOT_CONTEXT;
  const carrier: Record<string, string> = { traceparent: headers.traceparent };
  if (headers.tracestate) carrier['tracestate'] = headers.tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
};

/** The span context a traceparent names, for a span link; undefined when it is missing or invalid. */
export const spanContextOfTraceparent = (traceparent: string | null | undefined): SpanContext | undefined =>
  traceparent ? trace.getSpanContext(contextOfTraceHeaders({ traceparent })) : undefined;
