import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { ProofNotAvailable, RecordNotFound } from '@itsm/audit-application';
import { cursorProblemOf, ProblemException, ProblemType } from '@itsm/platform-kit';

/** Maps the audit application's refusals to problems: nothing to prove or find is a 404, a foreign cursor a 400. */
@Injectable()
export class AuditErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof ProofNotAvailable || error instanceof RecordNotFound) {
          throw new ProblemException({ type: ProblemType.notFound, title: 'Not found', status: 404, detail: error.message });
        }
        throw cursorProblemOf(error);
      }),
    );
  }
}
