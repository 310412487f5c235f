import { canonicalJson, type Actor, type RecordedEvent } from '@itsm/event-sourcing';
import type { RecordedEventJson } from '../event-store.port';
import { canonicalDataWrittenAtSealing, type SealedEvent } from '../seal-events';

/**
 * A timestamp as `Date.toISOString()` writes it (UTC, milliseconds), formatted by the database: reading then
 * parses no date (the log stores what `sealEvents` wrote from a Date, so milliseconds are all there is).
 */
const isoTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;

/** What a read selects of `events`: every column, the timestamps as ISO text. */
export const EVENT_COLUMNS = `global_position, stream_id, stream_revision, event_id, type, schema_version, data, actor,
  correlation_id, causation_id, traceparent, ${isoTimestamp('occurred_at')}, ${isoTimestamp('recorded_at')}, hash`;

/** `EVENT_COLUMNS` with data and actor as their JSON text: neither driver parses them. */
export const EVENT_JSON_COLUMNS = EVENT_COLUMNS.replace('data, actor,', 'data::text AS data, actor::text AS actor,');

/** One row of `EVENT_COLUMNS` as both drivers return it (bigint may come back as string, number or bigint). */
export interface EventRow {
  global_position: string | number | bigint;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  actor: Actor;
  correlation_id: string;
  causation_id: string | null;
  traceparent: string | null;
  occurred_at: string;
  recorded_at: string;
  hash: string;
}

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: Number(row.schema_version),
  streamId: row.stream_id,
  streamRevision: Number(row.stream_revision),
  globalPosition: Number(row.global_position),
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  actor: row.actor,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  traceparent: row.traceparent,
  data: row.data,
  hash: row.hash,
});

/** One row of `EVENT_JSON_COLUMNS`. */
export interface EventJsonRow extends Omit<EventRow, 'data' | 'actor'> {
  data: string;
  actor: string;
}

export const toRecordedEventJson = (row: EventJsonRow): RecordedEventJson => ({
  eventId: row.event_id,
  type: row.type,
  schemaVersion: Number(row.schema_version),
  streamId: row.stream_id,
  streamRevision: Number(row.stream_revision),
  globalPosition: Number(row.global_position),
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  actorJson: row.actor,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  traceparent: row.traceparent,
  dataJson: row.data,
  hash: row.hash,
});

const INSERT_COLUMN_COUNT = 13;

/**
 * `data` as it is sent and stored: its RFC 8785 text, the very text the hash chain covers. One parameter fills both
 * `data` (parsed to jsonb) and `canonical_data` (kept as written), so the server can re-check chains and leaves.
 */
export const canonicalDataOf = (event: { data?: unknown }): string => canonicalDataWrittenAtSealing(event) ?? canonicalJson(event.data ?? null);

/**
 * Largest data text kept as `canonical_data` beside the jsonb. A larger event (a period's statements: ~120 kB each,
 * tens of MB per publish) keeps only its jsonb: storing the text too doubled what the server parses (the
 * constraint of migration 6 reads it back), compresses and logs for the events where bytes cost most. Readers that
 * hash stored texts (`itsm verify`, the audit checkpointer) read such a rare event parsed, as events written before
 * the texts were kept; its hash and leaf are the same.
 */
export const MAX_CANONICAL_TEXT_BYTES = 64 * 1024;

/** The SQL value of `canonical_data` for a data text parameter: the text, or NULL past `MAX_CANONICAL_TEXT_BYTES`. */
export const storedCanonicalText = (textParameter: string): string =>
  `CASE WHEN octet_length(${textParameter}) <= ${MAX_CANONICAL_TEXT_BYTES} THEN ${textParameter} END`;

/**
 * A multi-row INSERT of sealed events that returns their positions, and with `notifyChannel` also signals that
 * channel in the same statement. Every parameter is cast from text so both drivers send plain strings (JSON is
 * serialized here: `pg` would turn a JS array into a PostgreSQL array).
 */
export const insertEventsStatement = (
  table: string,
  events: readonly SealedEvent[],
  notifyChannel?: string,
  options: { onlyIfRecordedAfterTheLog?: boolean } = {},
) => {
  const rows = events.map((_, index) => {
    const p = (column: number) => `$${index * INSERT_COLUMN_COUNT + column}`;
    return `(${p(1)}, ${p(2)}::integer, ${p(3)}::uuid, ${p(4)}, ${p(5)}::integer, ${p(6)}::text::jsonb, ${p(7)}::text::jsonb,
      ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}::timestamptz, ${p(12)}::timestamptz, ${p(13)}, ${storedCanonicalText(`${p(6)}::text`)})`;
  });
  const params: unknown[] = events.flatMap((event) => [
    event.streamId,
    event.streamRevision,
    event.eventId,
    event.type,
    event.schemaVersion,
    canonicalDataOf(event),
    JSON.stringify(event.actor),
    event.correlationId,
    event.causationId,
    event.traceparent,
    event.occurredAt,
    event.recordedAt,
    event.hash,
  ]);
  const columns = `stream_id, stream_revision, event_id, type, schema_version, data, actor,
      correlation_id, causation_id, traceparent, occurred_at, recorded_at, hash, canonical_data`;
  // With the guard, nothing is inserted when the log's last event was recorded later than these events: recorded_at
  // stays non-decreasing in position order (the caller sees the missing rows and retries).
  const values = options.onlyIfRecordedAfterTheLog
    ? `SELECT * FROM (VALUES ${rows.join(',\n')}) AS new_events
       WHERE NOT EXISTS (
         SELECT 1 FROM (SELECT recorded_at FROM ${table} ORDER BY global_position DESC LIMIT 1) AS last
         WHERE last.recorded_at > $12::timestamptz)`
    : `VALUES ${rows.join(',\n')}`;
  const insert = `INSERT INTO ${table} (${columns})
    ${values}
    RETURNING global_position, stream_id, stream_revision`;
  if (notifyChannel === undefined) return { text: insert, params };
  // A SELECT in WITH runs only when the main query reads it, hence the join with `notified` (one row).
  const text = `WITH inserted AS (${insert}),
    notified AS (SELECT pg_notify($${params.length + 1}, ''))
    SELECT inserted.global_position, inserted.stream_id, inserted.stream_revision FROM inserted, notified`;
  return { text, params: [...params, notifyChannel] };
};
