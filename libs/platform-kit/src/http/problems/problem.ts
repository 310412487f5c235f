import { HttpException } from '@nestjs/common';

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

/** What a thrower states; `type` defaults to about:blank and `title` to the status phrase. */
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
  unexpected: 'urn:itsm:problem:unexpected',
} as const;

/** Throw to answer with exactly this problem (the filter adds `instance` and `correlationId`). */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail ?? problem.title ?? 'Problem', problem.status);
  }
}
