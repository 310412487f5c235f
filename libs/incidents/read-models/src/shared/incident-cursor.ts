/** A `cursor` query value that this list did not hand out (400). */
export class InvalidIncidentCursor extends Error {
  override readonly name = 'InvalidCursor';
  constructor() {
    super('cursor is not a value returned as nextCursor by this list');
  }
}

/** The sort key of the last incident served: opened time (ISO) and id. */
export interface IncidentCursorKey {
  openedAt: string;
  incidentId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: base64url of `<openedAt>|<incidentId>`. */
export const encodeIncidentCursor = ({ openedAt, incidentId }: IncidentCursorKey): string => Buffer.from(`${openedAt}|${incidentId}`, 'utf8').toString('base64url');

/** Refuses anything that is not a cursor this list made, rather than guessing at it. */
export const decodeIncidentCursor = (cursor: string): IncidentCursorKey => {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new InvalidIncidentCursor();
  const [openedAt, incidentId, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || openedAt === undefined || incidentId === undefined || !UUID.test(incidentId)) throw new InvalidIncidentCursor();
  if (Number.isNaN(Date.parse(openedAt)) || new Date(openedAt).toISOString() !== openedAt) throw new InvalidIncidentCursor();
  return { openedAt, incidentId };
};
