import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { ETagInterceptor } from './concurrency/etag.interceptor';
import type { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';

/**
 * The answer's conventions as one global interceptor: Idempotency-Key (outermost, so that it stores the response as
 * the ETag finished it), then the ETag of `withETag` answers. Each interceptor is a layer of Nest's chain (deferred
 * observables, a bound async resource) on every request, though idempotency only acts on a POST with a key.
 */
export class ResponseConventionsInterceptor implements NestInterceptor {
  constructor(
    private readonly etag: ETagInterceptor,
    private readonly idempotency: IdempotencyInterceptor | undefined,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tagged: CallHandler = { handle: () => this.etag.intercept(context, next) };
    return this.idempotency ? this.idempotency.intercept(context, tagged) : tagged.handle();
  }
}
