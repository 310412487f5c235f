import type { NewEvent } from '@itsm/event-sourcing';
import { GENESIS_HASH } from '@itsm/event-sourcing';
import { sealEvents } from '@itsm/event-store';
import type { Contender } from '../contender';

/** Runs one SQL statement; `name` lets drivers that can (pg) keep it prepared. */
export type SqlExecutor = (name: string, text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** The same columns as our events table, with nothing else: no function, no lock, no extra statement. */
export const RAW_EVENTS_DDL = `
  CREATE TABLE events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id text NOT NULL,
    revision bigint NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    UNIQUE (stream_id, revision)
  )`;

const insertSql = (rows: number): string =>
  `INSERT INTO events (stream_id, revision, type, data, metadata) VALUES ${Array.from(
    { length: rows },
    (_, row) => `($${row * 5 + 1}, $${row * 5 + 2}, $${row * 5 + 3}, $${row * 5 + 4}::jsonb, $${row * 5 + 5}::jsonb)`,
  ).join(', ')}`;

const readStreamSql = 'SELECT global_position, revision, type, data, metadata FROM events WHERE stream_id = $1 ORDER BY revision';
const readAllSql =
  'SELECT global_position, stream_id, revision, type, data, metadata FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2';

/**
 * The ceiling: the very rows our store writes (sealed with the same envelope and hash chain, the previous
 * hash kept in memory), each append one multi-row INSERT in autocommit.
 */
export const rawInsertContender = (name: string, execute: SqlExecutor, close: () => Promise<void>): Contender => {
  const lastHash = new Map<string, string>();
  return {
    name,
    async append(streamId: string, events: readonly NewEvent[], expectedRevision: number) {
      const sealed = sealEvents(streamId, events, expectedRevision, lastHash.get(streamId) ?? GENESIS_HASH, new Date());
      const params = sealed.flatMap(({ streamId: id, streamRevision, type, data, ...metadata }) => [
        id,
        streamRevision,
        type,
        JSON.stringify(data),
        JSON.stringify(metadata),
      ]);
      await execute(`raw-insert-${sealed.length}`, insertSql(sealed.length), params);
      lastHash.set(streamId, sealed[sealed.length - 1].hash);
    },
    async readStream(streamId: string) {
      return (await execute('raw-read-stream', readStreamSql, [streamId])).rows.length;
    },
    async readAllPage(afterPosition: number, maxCount: number) {
      const { rows } = await execute('raw-read-all', readAllSql, [afterPosition, maxCount]);
      return { count: rows.length, lastPosition: rows.length ? Number(rows[rows.length - 1]['global_position']) : afterPosition };
    },
    close,
  };
};
