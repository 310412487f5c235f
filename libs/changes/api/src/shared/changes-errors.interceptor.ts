import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { ChangeNotFound, FreezeWindowNotFound } from '@itsm/changes-application';
import { cursorProblemOf, ProblemException } from '@itsm/platform-kit';

export const notFound = (what: string, id: string): ProblemException => new ProblemException({ title: 'Not found', status: 404, detail: `No ${what} with id ${id}` });

export const changeNotFound = (id: string): ProblemException => notFound('change', id);

/** Translates the changes' own errors to problems; the global filter maps the rest (refusals → 409, stale → 412). */
@Injectable()
export class ChangesErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof FreezeWindowNotFound) throw notFound('freeze window', error.id);
        if (error instanceof ChangeNotFound) throw changeNotFound(error.id);
        throw cursorProblemOf(error);
      }),
    );
  }
}
