/**
 * What the writer believes about the stream before appending:
 * - `any`: no check;
 * - `no-stream`: the stream must not exist yet;
 * - `stream-exists`: the stream must have at least one event;
 * - a number: the revision (0-based) of the stream's last event.
 */
export type ExpectedRevision = 'any' | 'no-stream' | 'stream-exists' | number;

/** The stream's actual state did not match the writer's expectation (mapped to 409/412 by the API). */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or -1 when it has none. */
    readonly actual: number,
  ) {
    super(`Stream "${streamId}" is at revision ${actual === -1 ? '(none)' : actual}, expected ${expected}`);
  }
}

/** The revision a stream is at, as a number: -1 for an empty stream. */
export const NO_STREAM_REVISION = -1;

/** Checks an expectation against a stream's current revision (-1 when empty). */
export const matchesExpectedRevision = (expected: ExpectedRevision, current: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === NO_STREAM_REVISION;
    case 'stream-exists':
      return current > NO_STREAM_REVISION;
    default:
      return current === expected;
  }
};
