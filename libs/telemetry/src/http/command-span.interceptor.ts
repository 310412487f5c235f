import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { ATTR } from '../attributes';
import { itsmTracer, recordFailure } from '../tracer';

const READS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A span around each command a route handles (every method but reads), named after its controller method: the
 * hop between the HTTP request and the append in a trace. Innermost interceptor, so it times the handler alone.
 */
@Injectable()
export class CommandSpanInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const method = execution.switchToHttp().getRequest<{ method?: string }>().method ?? 'GET';
    if (READS.has(method)) return next.handle();
    const command = `${execution.getClass().name}.${execution.getHandler().name}`;
    return new Observable((subscriber) => {
      const span = itsmTracer().startSpan(`command ${command}`, { attributes: { [ATTR.command]: command } });
      // Nest binds the handler's async context when handle() is called: call it with the span active.
      const subscription = context.with(trace.setSpan(context.active(), span), () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            recordFailure(span, error);
            span.end();
            subscriber.error(error);
          },
          complete: () => {
            span.end();
            subscriber.complete();
          },
        }),
      );
      return () => subscription.unsubscribe();
    });
  }
}
