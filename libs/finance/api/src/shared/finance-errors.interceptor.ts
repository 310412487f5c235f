import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { FinanceNotFound, LedgerFileTooLarge, LedgerImportRejected, LedgerImportRunning, PeriodCreditsUnavailable } from '@itsm/finance-application';
import { cursorProblemOf, ProblemException, ProblemType } from '@itsm/platform-kit';
import { ReadModelBehind } from '@itsm/projections';

/** Translates finance's own errors to problems; the global filter maps the rest (refusals → 409, stale → 412). */
@Injectable()
export class FinanceErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw problemOf(error);
      }),
    );
  }
}

const problemOf = (error: unknown): unknown => {
  if (error instanceof FinanceNotFound) return new ProblemException({ title: 'Not found', status: 404, detail: error.message });
  if (error instanceof LedgerImportRejected) {
    const { run } = error;
    return new ProblemException({
      type: ProblemType.validation,
      title: 'Invalid ledger file',
      status: 400,
      detail: error.message,
      importId: run.importId,
      errorCount: run.errorCount,
      // One entry per bad line (the first 100), as the other 400s list fields.
      errors: run.errors.flatMap(({ line, problems }) => problems.map((message) => ({ field: `line ${line}`, message }))),
      lines: run.errors,
    });
  }
  if (error instanceof LedgerImportRunning) return new ProblemException({ title: 'Import running', status: 409, detail: error.message });
  if (error instanceof LedgerFileTooLarge) return new ProblemException({ status: 413, detail: error.message });
  if (error instanceof PeriodCreditsUnavailable) return new ProblemException({ title: 'Service unavailable', status: 503, detail: error.message });
  if (error instanceof ReadModelBehind) {
    return new ProblemException({ title: 'Service unavailable', status: 503, detail: 'Finance’s directory is behind the event log; retry in a moment' });
  }
  return cursorProblemOf(error);
};
