import { context, SpanStatusCode, trace, type Span, type SpanOptions, type Tracer, type Context } from '@opentelemetry/api';

/** Instrumentation scope of every span the platform makes. */
export const TRACER_NAME = '@itsm/telemetry';

export const itsmTracer = (): Tracer => trace.getTracer(TRACER_NAME);

/** Marks the span failed with the error, the way OTel backends show it. */
export const recordFailure = (span: Span, error: unknown): void => {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
};

/**
 * Runs `work` in a new span, active for everything it awaits, and ends the span when it settles (failed when it
 * throws). With tracing off the API's no-op tracer makes this a plain call.
 */
export const inSpan = async <T>(
  name: string,
  options: SpanOptions & { parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> => {
  const { parent, ...spanOptions } = options;
  return itsmTracer().startActiveSpan(name, spanOptions, parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
};
