import { parseInstant } from './instant';

/** A `cursor` query value that the list did not hand out (400). */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
  constructor() {
    super('cursor is not a value returned as nextCursor by this list');
  }
}

/** Cursor keys are small flat objects: the sort key of the last row served. */
export type CursorKey = Record<string, number | string>;

/**
 * Opaque keyset cursors: base64url of a small JSON object holding the sort key of the last row served.
 * Clients pass them back unchanged; anything else is refused rather than guessed at.
 */
export const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

export const decodeCursor = <Key extends CursorKey>(cursor: string, isKey: (value: unknown) => value is Key): Key => {
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

/** A timestamp exactly as `Date.toISOString()` writes it, and one SQL can hold, so that it compares and casts the same. */
export const isCursorTimestamp = (value: unknown): value is string => parseInstant(value)?.toISOString() === value;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lower-case UUID, as ids are written and as a `::uuid` cast accepts. */
export const isCursorUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A guard for a cursor key of exactly these fields, each passing its check (no extra fields smuggled in). */
export const cursorKeyOf =
  <Key extends CursorKey>(fields: { [Field in keyof Key]: (value: unknown) => value is Key[Field] }) =>
  (value: unknown): value is Key => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const checks = Object.entries(fields) as [string, (field: unknown) => boolean][];
    return Object.keys(value).length === checks.length && checks.every(([field, check]) => check((value as CursorKey)[field]));
  };
