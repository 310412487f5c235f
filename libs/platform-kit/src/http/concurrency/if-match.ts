import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ExpectedRevision } from '@itsm/event-sourcing';
import { ProblemException, ProblemType } from '../problems/problem';

/**
 * Reads `If-Match` as the revision the caller last saw: `"3"` → 3 (the ETag we sent), `*` → the resource must
 * exist. A weak tag (`W/"3"`) never matches under the strong comparison If-Match uses (RFC 9110 §13.1.1), so it
 * is answered 412; lists of tags and anything else are 400.
 */
export const parseIfMatch = (header: string | string[] | undefined): ExpectedRevision | undefined => {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return 'stream-exists';
  const strong = /^"(\d{1,15})"$/.exec(value);
  if (strong) return Number(strong[1]);
  if (/^W\//i.test(value)) {
    throw new ProblemException({
      type: ProblemType.preconditionFailed,
      title: 'Precondition failed',
      status: 412,
      detail: 'If-Match compares strongly: a weak entity tag (W/…) never matches; send the ETag as received',
    });
  }
  throw new ProblemException({
    type: ProblemType.malformedRequest,
    status: 400,
    detail: 'If-Match must be one entity tag as sent in ETag, e.g. "3", or *',
  });
};

/**
 * If-Match as a command's expected revision: `"3"` → 3; `*` asks only that the resource exists (RFC 9110 §13.1.1),
 * which every command on an existing resource checks anyway (404 otherwise), so it sets no revision.
 */
export const ifMatchCondition = (ifMatch: ExpectedRevision | undefined): { expectedRevision?: number } =>
  typeof ifMatch === 'number' ? { expectedRevision: ifMatch } : {};

export interface IfMatchOptions {
  /** Answer 428 when the header is missing (writes that must not overwrite blindly). */
  required?: boolean;
}

/** The expected revision from `If-Match`, or undefined when absent (see `parseIfMatch`). */
export const IfMatch = createParamDecorator((options: IfMatchOptions | undefined, context: ExecutionContext) => {
  const expected = parseIfMatch(context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['if-match']);
  if (expected === undefined && options?.required) {
    throw new ProblemException({ status: 428, detail: 'Send If-Match with the ETag of the revision you read' });
  }
  return expected;
});
