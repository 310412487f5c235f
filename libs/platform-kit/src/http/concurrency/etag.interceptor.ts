import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { formatETag, WithETag } from './etag';

/** Unwraps `withETag(body, revision)` answers into the body plus an `ETag` header. */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((result: unknown) => {
        if (!(result instanceof WithETag)) return result;
        context.switchToHttp().getResponse<Response>().setHeader('ETag', formatETag(result.revision));
        return result.body;
      }),
    );
  }
}
