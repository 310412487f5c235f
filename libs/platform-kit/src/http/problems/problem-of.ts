import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { IllegalTransition, RuleViolation, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { ProblemException, ProblemType, problemTypeOfStatus, type ProblemDetails } from './problem';

export interface RequestFacts {
  /** Whether the request carried If-Match: a revision conflict is then 412, else 409. */
  hadIfMatch: boolean;
}

/** Maps anything thrown while serving a request to problem details; unknown errors become a bare 500. */
export const problemOf = (exception: unknown, request: RequestFacts): ProblemDetails => {
  if (exception instanceof ProblemException) {
    const { problem } = exception;
    return { ...problem, type: problem.type ?? problemTypeOfStatus(problem.status), title: problem.title ?? titleOf(problem.status) };
  }
  if (exception instanceof IllegalTransition) {
    return conflict(ProblemType.illegalTransition, 'Illegal transition', exception.message);
  }
  if (exception instanceof RuleViolation) {
    return conflict(ProblemType.ruleViolation, 'Rule violation', exception.message);
  }
  if (exception instanceof WrongExpectedRevisionError) return revisionProblem(exception, request);
  if (exception instanceof ThrottlerException) {
    return { type: ProblemType.rateLimited, title: 'Too many requests', status: 429, detail: 'Too many requests; retry after the number of seconds in Retry-After' };
  }
  if (exception instanceof HttpException) return httpProblem(exception);
  const clientError = bodyParserError(exception);
  if (clientError) return clientError;
  return {
    type: ProblemType.unexpected,
    title: titleOf(500),
    status: 500,
    detail: 'An unexpected error occurred; quote the correlation id when reporting it',
  };
};

const conflict = (type: string, title: string, detail: string): ProblemDetails => ({ type, title, status: 409, detail });

const revisionProblem = (error: WrongExpectedRevisionError, request: RequestFacts): ProblemDetails =>
  request.hadIfMatch
    ? {
        type: ProblemType.preconditionFailed,
        title: 'Precondition failed',
        status: 412,
        detail: 'The resource changed since the revision in If-Match; read it again and retry with its ETag',
        currentRevision: error.actual,
      }
    : {
        type: ProblemType.revisionConflict,
        title: 'Conflict',
        status: 409,
        detail: 'The resource was changed by another request at the same time; retry',
        currentRevision: error.actual,
      };

const httpProblem = (exception: HttpException): ProblemDetails => {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
  return { type: problemTypeOfStatus(status), title: titleOf(status), status, ...(detail ? { detail } : {}) };
};

/** body-parser's errors (http-errors with `expose`): too large, bad charset, aborted… — the client's doing. */
const bodyParserError = (exception: unknown): ProblemDetails | undefined => {
  const error = exception as { status?: unknown; expose?: unknown; type?: unknown; message?: unknown };
  if (typeof error !== 'object' || error === null || error.expose !== true) return undefined;
  if (typeof error.status !== 'number' || error.status < 400 || error.status > 499) return undefined;
  return {
    type: error.status === 400 ? ProblemType.malformedRequest : problemTypeOfStatus(error.status),
    title: titleOf(error.status),
    status: error.status,
    detail: typeof error.message === 'string' ? error.message : undefined,
  };
};

const titleOf = (status: number): string =>
  (HttpStatus[status] ?? 'Error')
    .toString()
    .toLowerCase()
    .split('_')
    .map((word, index) => (index === 0 ? word[0].toUpperCase() + word.slice(1) : word))
    .join(' ');
