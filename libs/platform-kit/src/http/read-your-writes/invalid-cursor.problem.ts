import { InvalidCursor } from '@itsm/projections';
import { ProblemException, ProblemType } from '../problems/problem';

/** A list's refusal of a cursor it did not hand out, as the 400 of the `cursor` query field; other errors pass. */
export const cursorProblemOf = (error: unknown): unknown =>
  error instanceof InvalidCursor
    ? new ProblemException({
        type: ProblemType.validation,
        title: 'Invalid request',
        status: 400,
        detail: '1 invalid field: cursor',
        errors: [{ field: 'cursor', message: error.message }],
      })
    : error;
