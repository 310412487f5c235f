import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { ChangeNotFound, IncidentEntityNotFound } from '@itsm/incidents-application';
import { cursorProblemOf, ProblemException } from '@itsm/platform-kit';

/** Translates the incidents' own errors to problems; the global filter maps the rest (refusals → 409, stale → 412). */
@Injectable()
export class IncidentsErrorsInterceptor implements NestInterceptor {
  intercept(
    _context: ExecutionContext,
    next: CallHandler,
  ): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw translate(error);
      }),
    );
  }
}

export const incidentNotFound = (id: string): ProblemException =>
  new ProblemException({
    title: 'Not found',
    status: 404,
    detail: `No incident with id ${id}`,
  });

/** A change the incidents' copy of changes does not know (yet: a change raised a moment ago is on its way). */
export const changeNotFound = (error: ChangeNotFound): ProblemException =>
  new ProblemException({
    title: 'Not found',
    status: 404,
    detail: `${error.message}: the incidents' copy of changes does not know it (right after raising a change, send that write's X-Log-Position as X-Wait-For-Position)`,
  });

const translate = (error: unknown): unknown => {
  if (error instanceof IncidentEntityNotFound)
    return incidentNotFound(error.id);
  if (error instanceof ChangeNotFound) return changeNotFound(error);
  return cursorProblemOf(error);
};
