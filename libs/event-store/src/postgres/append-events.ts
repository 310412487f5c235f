import {
  GENESIS_HASH,
  matchesExpectedRevision,
  NO_STREAM_REVISION,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '@itsm/event-sourcing';
import { sealEvents } from '../seal-events';
import type { EventLogSchema } from './event-log-schema';
import { insertEventsStatement } from './event-rows';
import type { SqlSession } from './sql-executor.port';

/** Keeps each INSERT well below PostgreSQL's 65 535 bind parameters (13 per event). */
const EVENTS_PER_INSERT = 1000;

export interface AppendRequest {
  streamId: string;
  events: readonly NewEvent[];
  expectedRevision: ExpectedRevision;
  /** Signal the append on this LISTEN/NOTIFY channel (delivered at commit). */
  notifyChannel?: string;
}

/**
 * Appends inside the caller's transaction; the events become visible when it commits.
 *
 * Gap-free global order: the transaction takes one advisory lock per log just before it reads the stream head
 * and inserts, and keeps it until commit. Appends therefore draw their positions from the identity sequence
 * and commit in the same order, so whatever a reader sees is always a prefix of the final log (a rolled-back
 * append leaves a gap in the numbers, never a hole that fills later), and a numeric checkpoint never passes an
 * event that commits late. The xid8 / pg_snapshot_xmin technique (Emmett) orders by transaction id, which is
 * not position order, so a plain numeric checkpoint could skip a late event; Marten's high-water mark needs a
 * daemon and a wait. The price is that appends to one log commit one at a time (measured by the benchmark).
 *
 * Because the stream head is read under that lock, in a fresh statement (READ COMMITTED), it is exact; the
 * unique (stream_id, stream_revision) constraint stays as the backstop and is reported as the same conflict.
 */
export const appendInTransaction = async (
  tx: SqlSession,
  names: EventLogSchema,
  request: AppendRequest,
): Promise<{ currentRevision: number; events: RecordedEvent[] }> => {
  const { streamId, expectedRevision } = request;
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [names.appendLockKey]);
  // The database clock, read under the lock, makes recorded_at non-decreasing in global order across processes.
  const [head] = await tx.query<{ now: Date | string; stream_revision: number | null; hash: string | null }>(
    `SELECT clock_timestamp() AS now, last.stream_revision, last.hash
       FROM (SELECT 1) AS one
       LEFT JOIN LATERAL (
         SELECT stream_revision, hash FROM ${names.events} WHERE stream_id = $1 ORDER BY stream_revision DESC LIMIT 1
       ) AS last ON true`,
    [streamId],
  );
  const currentRevision = head.stream_revision === null ? NO_STREAM_REVISION : Number(head.stream_revision);
  if (!matchesExpectedRevision(expectedRevision, currentRevision)) {
    throw new WrongExpectedRevisionError(streamId, expectedRevision, currentRevision);
  }
  const recordedAt = new Date(head.now);
  const sealed = sealEvents(streamId, request.events, currentRevision, head.hash ?? GENESIS_HASH, recordedAt);
  const events: RecordedEvent[] = [];
  for (let start = 0; start < sealed.length; start += EVENTS_PER_INSERT) {
    const chunk = sealed.slice(start, start + EVENTS_PER_INSERT);
    const statement = insertEventsStatement(names.events, chunk);
    const rows = await insertOrConflict(tx, statement, streamId, expectedRevision, currentRevision);
    const positions = new Map(rows.map((row) => [Number(row.stream_revision), Number(row.global_position)]));
    chunk.forEach((event) => events.push({ ...event, globalPosition: positions.get(event.streamRevision) as number }));
  }
  if (request.notifyChannel && events.length > 0) {
    await tx.query('SELECT pg_notify($1, $2)', [request.notifyChannel, '']);
  }
  return { currentRevision, events };
};

const UNIQUE_VIOLATION = '23505';
const STREAM_REVISION_CONSTRAINT = 'events_stream_revision_unique';

const insertOrConflict = async (
  tx: SqlSession,
  statement: { text: string; params: unknown[] },
  streamId: string,
  expectedRevision: ExpectedRevision,
  currentRevision: number,
) => {
  try {
    return await tx.query<{ global_position: string | number; stream_revision: number }>(statement.text, statement.params);
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === UNIQUE_VIOLATION && constraint === STREAM_REVISION_CONSTRAINT) {
      // Only a writer that bypassed the append lock gets here; it has appended at least one event.
      throw new WrongExpectedRevisionError(streamId, expectedRevision, currentRevision + 1);
    }
    throw error;
  }
};
