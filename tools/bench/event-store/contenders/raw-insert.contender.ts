import type { NewEvent } from '@itsm/event-sourcing';
import { canonicalJson, GENESIS_HASH } from '@itsm/event-sourcing';
import { DEFAULT_EVENT_LOG_SCHEMA, sealEvents } from '@itsm/event-store';
import type { Contender } from '../contender';

/** Runs one SQL statement; `name` lets drivers that can (pg) keep it prepared. */
export type SqlExecutor = (
  name: string,
  text: string,
  params: unknown[],
) => Promise<{ rows: Record<string, unknown>[] }>;

/** Our events table, created by our own migrations (same columns, indexes and triggers). */
const EVENTS = `"${DEFAULT_EVENT_LOG_SCHEMA}".events`;
const COLUMNS = [
  'stream_id',
  'stream_revision',
  'event_id',
  'type',
  'schema_version',
  'data',
  'actor',
  'correlation_id',
  'causation_id',
  'traceparent',
  'occurred_at',
  'recorded_at',
  'hash',
];

const DATA_COLUMN = COLUMNS.indexOf('data');

/** As our store writes them: the canonical text of data fills both `data` and `canonical_data` from one parameter. */
const insertSql = (rows: number): string => {
  const values = Array.from({ length: rows }, (_, row) => {
    const param = (column: number) => `$${row * COLUMNS.length + column + 1}`;
    // Both uses of the one parameter typed as text, or the server cannot settle on one type for it.
    return `(${COLUMNS.map((_, column) => (column === DATA_COLUMN ? `${param(column)}::text::jsonb` : param(column))).join(', ')}, ${param(DATA_COLUMN)}::text)`;
  });
  return `INSERT INTO ${EVENTS} (${COLUMNS.join(', ')}, canonical_data) VALUES ${values.join(', ')}`;
};

const readStreamSql = `SELECT * FROM ${EVENTS} WHERE stream_id = $1 ORDER BY stream_revision`;
const readAllSql = `SELECT * FROM ${EVENTS} WHERE global_position > $1 ORDER BY global_position LIMIT $2`;

/**
 * The ceiling: the very rows our store writes (sealed with the same envelope and hash chain, the previous
 * hash kept in memory instead of read back), each append one prepared multi-row INSERT in autocommit:
 * no transaction block, no lock, no head read, no RETURNING.
 */
export const rawInsertContender = (
  execute: SqlExecutor,
  close: () => Promise<void>,
): Contender => {
  const lastHash = new Map<string, string>();
  return {
    name: 'raw INSERT',
    async append(
      streamId: string,
      events: readonly NewEvent[],
      expectedRevision: number,
    ) {
      const sealed = sealEvents(
        streamId,
        events,
        expectedRevision,
        lastHash.get(streamId) ?? GENESIS_HASH,
        new Date(),
      );
      const params = sealed.flatMap((event) => [
        event.streamId,
        event.streamRevision,
        event.eventId,
        event.type,
        event.schemaVersion,
        canonicalJson(event.data ?? null),
        JSON.stringify(event.actor),
        event.correlationId,
        event.causationId,
        event.traceparent,
        event.occurredAt,
        event.recordedAt,
        event.hash,
      ]);
      await execute(
        `raw-insert-${sealed.length}`,
        insertSql(sealed.length),
        params,
      );
      lastHash.set(streamId, sealed[sealed.length - 1].hash);
    },
    async readStream(streamId: string) {
      return (await execute('raw-read-stream', readStreamSql, [streamId])).rows
        .length;
    },
    async readAllPage(afterPosition: number, maxCount: number) {
      const { rows } = await execute('raw-read-all', readAllSql, [
        afterPosition,
        maxCount,
      ]);
      return {
        count: rows.length,
        lastPosition: rows.length
          ? Number(rows[rows.length - 1]['global_position'])
          : afterPosition,
      };
    },
    close,
  };
};
