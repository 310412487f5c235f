import { HttpException, HttpStatus } from '@nestjs/common';

/** One invalid input field: a dotted path into the body or query (`slaTargets.P1.responseMinutes`, `items[0]`). */
export interface FieldError {
  field: string;
  message: string;
}

interface ProblemFields {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
}

/** RFC 9457 problem details, with the request's correlation id and, for 400, the invalid fields. */
export type ProblemDetails = ProblemFields & { [extension: string]: unknown };

/** What a thrower states; `type` defaults to the status's `urn:itsm:problem:*` and `title` to the status phrase. */
export type ProblemInit = Omit<ProblemFields, 'type' | 'title'> & { type?: string; title?: string } & { [extension: string]: unknown };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable problem types; a client branches on these, not on the wording of `detail`. */
export const ProblemType = {
  validation: 'urn:itsm:problem:validation',
  illegalTransition: 'urn:itsm:problem:illegal-transition',
  ruleViolation: 'urn:itsm:problem:rule-violation',
  revisionConflict: 'urn:itsm:problem:revision-conflict',
  preconditionFailed: 'urn:itsm:problem:precondition-failed',
  idempotencyKeyReused: 'urn:itsm:problem:idempotency-key-reused',
  idempotentRequestInProgress: 'urn:itsm:problem:idempotent-request-in-progress',
  rateLimited: 'urn:itsm:problem:rate-limited',
  malformedRequest: 'urn:itsm:problem:malformed-request',
  unauthorized: 'urn:itsm:problem:unauthorized',
  forbidden: 'urn:itsm:problem:forbidden',
  notFound: 'urn:itsm:problem:not-found',
  payloadTooLarge: 'urn:itsm:problem:payload-too-large',
  unsupportedMediaType: 'urn:itsm:problem:unsupported-media-type',
  preconditionRequired: 'urn:itsm:problem:precondition-required',
  unexpected: 'urn:itsm:problem:unexpected',
} as const;

/**
 * The problem type of an answer that names no more specific one: every type is a `urn:itsm:problem:*` (never
 * about:blank), so clients branch on one scheme; a status without a name of its own gets its phrase, kebab-cased.
 */
export const problemTypeOfStatus = (status: number): string => {
  const named: Record<number, string> = {
    400: ProblemType.malformedRequest,
    401: ProblemType.unauthorized,
    403: ProblemType.forbidden,
    404: ProblemType.notFound,
    413: ProblemType.payloadTooLarge,
    415: ProblemType.unsupportedMediaType,
    428: ProblemType.preconditionRequired,
    429: ProblemType.rateLimited,
  };
  if (named[status]) return named[status];
  if (status >= 500) return ProblemType.unexpected;
  const phrase = HttpStatus[status];
  return `urn:itsm:problem:${typeof phrase === 'string' ? phrase.toLowerCase().replace(/_/g, '-') : `http-${status}`}`;
};

/** Throw to answer with exactly this problem (the filter adds `instance` and `correlationId`). */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail ?? problem.title ?? 'Problem', problem.status);
  }
}
