import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { InvalidDeliveryCursor, InvalidReplayStart, TargetRefused, WebhooksNotFound } from '@itsm/webhooks-application';
import { ProblemException, ProblemType } from '@itsm/platform-kit';
import { WEBHOOKS_LIST_CURSOR_ERROR } from './webhooks-read-models.port';

/** Translates the webhooks context's own errors to problems; the global filter maps the rest (refusals → 409, stale → 412). */
@Injectable()
export class WebhooksErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw problemOf(error);
      }),
    );
  }
}

const invalid = (field: string, message: string) =>
  new ProblemException({ type: ProblemType.validation, title: 'Invalid request', status: 400, detail: message, errors: [{ field, message }] });

const problemOf = (error: unknown): unknown => {
  if (error instanceof WebhooksNotFound) return new ProblemException({ title: 'Not found', status: 404, detail: error.message });
  if (error instanceof TargetRefused) return invalid('url', error.detail);
  if (error instanceof InvalidReplayStart) return invalid('fromPosition', error.message);
  if (error instanceof InvalidDeliveryCursor || (error instanceof Error && error.name === WEBHOOKS_LIST_CURSOR_ERROR)) return invalid('cursor', error.message);
  return error;
};
