/** A `cursor` query value that we did not hand out (400). */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
  constructor() {
    super('cursor is not a value returned as nextCursor by this list');
  }
}

/**
 * Opaque keyset cursors: base64url of a small JSON object holding the sort key of the last row served.
 * Clients pass them back unchanged; anything else is refused rather than guessed at.
 */
export const encodeCursor = (key: Record<string, number | string>): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export const decodeCursor = <Key extends Record<string, number | string>>(cursor: string, isKey: (value: unknown) => value is Key): Key => {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw new InvalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!isKey(value)) throw new InvalidCursor();
  return value;
};

/** A non-negative safe integer, as positions and sequence numbers are. */
export const isCursorNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
