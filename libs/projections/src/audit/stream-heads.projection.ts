import { parseStreamName, type RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '../projection';

type AuditTable = 'stream_heads' | 'event_type_counts';

/** The `<type>` of a `<type>-<uuid>` stream id; null for ids of another shape. */
export const streamTypeOf = (streamId: string): string | null => {
  try {
    return parseStreamName(streamId).streamType;
  } catch {
    return null;
  }
};

interface StreamHeadDelta {
  last: RecordedEvent;
  firstAt: string;
  count: number;
}

const foldStreams = (events: readonly RecordedEvent[]): StreamHeadDelta[] => {
  const byStream = new Map<string, StreamHeadDelta>();
  for (const event of events) {
    const seen = byStream.get(event.streamId);
    if (!seen) byStream.set(event.streamId, { last: event, firstAt: event.recordedAt, count: 1 });
    else {
      seen.count += 1;
      if (event.streamRevision > seen.last.streamRevision) seen.last = event;
      if (event.recordedAt < seen.firstAt) seen.firstAt = event.recordedAt;
    }
  }
  return [...byStream.values()];
};

const foldTypes = (events: readonly RecordedEvent[]) => {
  const byType = new Map<string, { count: number; lastAt: string }>();
  for (const event of events) {
    const seen = byType.get(event.type) ?? { count: 0, lastAt: event.recordedAt };
    byType.set(event.type, { count: seen.count + 1, lastAt: event.recordedAt > seen.lastAt ? event.recordedAt : seen.lastAt });
  }
  return byType;
};

// One statement per table for the whole batch: rebuilds write thousands of events per round trip.
const upsertStreamHeads = async (tx: SqlSession, table: string, deltas: StreamHeadDelta[]) => {
  await tx.query(
    `INSERT INTO ${table} (stream_id, stream_type, last_revision, last_event_type, last_event_id, last_position, last_event_at, first_event_at, event_count)
     SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[], $8::timestamptz[], $9::integer[])
     ON CONFLICT (stream_id) DO UPDATE SET
       last_revision = excluded.last_revision,
       last_event_type = excluded.last_event_type,
       last_event_id = excluded.last_event_id,
       last_position = excluded.last_position,
       last_event_at = excluded.last_event_at,
       first_event_at = least(${table}.first_event_at, excluded.first_event_at),
       event_count = ${table}.event_count + excluded.event_count`,
    [
      deltas.map((delta) => delta.last.streamId),
      deltas.map((delta) => streamTypeOf(delta.last.streamId)),
      deltas.map((delta) => delta.last.streamRevision),
      deltas.map((delta) => delta.last.type),
      deltas.map((delta) => delta.last.eventId),
      deltas.map((delta) => delta.last.globalPosition),
      deltas.map((delta) => delta.last.recordedAt),
      deltas.map((delta) => delta.firstAt),
      deltas.map((delta) => delta.count),
    ],
  );
};

const upsertTypeCounts = async (tx: SqlSession, table: string, counts: Map<string, { count: number; lastAt: string }>) => {
  await tx.query(
    `INSERT INTO ${table} (event_type, event_count, last_event_at)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[])
     ON CONFLICT (event_type) DO UPDATE SET
       event_count = ${table}.event_count + excluded.event_count,
       last_event_at = greatest(${table}.last_event_at, excluded.last_event_at)`,
    [[...counts.keys()], [...counts.values()].map((entry) => entry.count), [...counts.values()].map((entry) => entry.lastAt)],
  );
};

const applyAudit = async (tx: SqlSession, events: readonly RecordedEvent[], tables: TableNames<AuditTable>) => {
  await upsertStreamHeads(tx, tables.stream_heads, foldStreams(events));
  await upsertTypeCounts(tx, tables.event_type_counts, foldTypes(events));
};

/**
 * Audit overview of the whole log: per stream its type, last revision, last event and when it happened; per event
 * type how many there are. Safe in per-stream order (Kafka): stream rows depend on their own stream only, and the
 * type counts are sums.
 */
export const streamHeadsProjection = defineProjection<AuditTable>({
  name: 'stream_heads',
  eventTypes: [],
  tables: ['stream_heads', 'event_type_counts'],
  createTables: (tables) => `
    CREATE TABLE ${tables.stream_heads} (
      stream_id text PRIMARY KEY,
      stream_type text,
      last_revision integer NOT NULL,
      last_event_type text NOT NULL,
      last_event_id text NOT NULL,
      last_position bigint NOT NULL,
      last_event_at timestamptz NOT NULL,
      first_event_at timestamptz NOT NULL,
      event_count integer NOT NULL
    );
    CREATE INDEX ON ${tables.stream_heads} (stream_type, last_event_at DESC);
    CREATE TABLE ${tables.event_type_counts} (
      event_type text PRIMARY KEY,
      event_count bigint NOT NULL,
      last_event_at timestamptz NOT NULL
    );`,
  apply: (tx, event, tables) => applyAudit(tx, [event], tables),
  applyBatch: applyAudit,
});
