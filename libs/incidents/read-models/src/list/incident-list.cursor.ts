import { cursorKeyOf, decodeCursor, encodeCursor, isCursorTimestamp, isCursorUuid } from '@itsm/projections';

/** The sort key of the last incident served: opened time (ISO, as `toISOString` writes it) and id. */
export type IncidentCursorKey = { openedAt: string; incidentId: string };

const isIncidentCursorKey = cursorKeyOf<IncidentCursorKey>({ openedAt: isCursorTimestamp, incidentId: isCursorUuid });

/** Opaque to clients (a keyset cursor of @itsm/projections). */
export const encodeIncidentCursor = ({ openedAt, incidentId }: IncidentCursorKey): string => encodeCursor({ openedAt, incidentId });

/** Refuses, with `InvalidCursor`, anything that is not a cursor this list made, rather than guessing at it. */
export const decodeIncidentCursor = (cursor: string): IncidentCursorKey => decodeCursor(cursor, isIncidentCursorKey);
