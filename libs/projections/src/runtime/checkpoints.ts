import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlExecutor, SqlSession } from '@itsm/event-store';
import { qualified } from './sql-names';

/**
 * Where a projection's progress is kept, next to its rows: `checkpoints` holds, per projection and slot
 * ('live' or 'rebuild'), the log position everything up to which has been applied; `stream_checkpoints` holds
 * the last applied revision per stream, which is what deduplicates events that arrive from Kafka in per-stream order.
 */
export type CheckpointSlot = 'live' | 'rebuild';

export interface CheckpointTables {
  schema: string;
  checkpoints: string;
  streams: string;
  /** Per projection, the fingerprint of the DDL its live tables were created with (see table-shape.ts). */
  shapes: string;
}

export const checkpointTables = (schema: string): CheckpointTables => ({
  schema,
  checkpoints: qualified(schema, 'checkpoints'),
  streams: qualified(schema, 'stream_checkpoints'),
  shapes: qualified(schema, 'table_shapes'),
});

export const migrateCheckpoints = async (db: SqlExecutor, names: CheckpointTables): Promise<void> => {
  await db.transaction(async (tx) => {
    // Two runtimes starting together would race on CREATE SCHEMA IF NOT EXISTS otherwise.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`itsm.projections.migrate:${names.schema}`]);
    await tx.exec(`
      CREATE SCHEMA IF NOT EXISTS "${names.schema}";
      CREATE TABLE IF NOT EXISTS ${names.checkpoints} (
        name text NOT NULL,
        slot text NOT NULL CHECK (slot IN ('live', 'rebuild')),
        position bigint NOT NULL,
        generation text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, slot)
      );
      CREATE TABLE IF NOT EXISTS ${names.streams} (
        name text NOT NULL,
        slot text NOT NULL CHECK (slot IN ('live', 'rebuild')),
        stream_id text NOT NULL,
        revision integer NOT NULL,
        PRIMARY KEY (name, slot, stream_id)
      );
      CREATE TABLE IF NOT EXISTS ${names.shapes} (
        name text PRIMARY KEY,
        shape text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  });
};

/**
 * Serializes every transaction that writes a projection's rows (live appliers in any process, a rebuild's swap):
 * taken first, so that the checkpoint read afterwards is the one the previous writer committed.
 */
export const lockProjection = async (tx: SqlSession, names: CheckpointTables, projection: string): Promise<void> => {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKeyOf(names, projection)]);
};

const lockKeyOf = (names: CheckpointTables, projection: string): string => `itsm.projection:${names.schema}.${projection}`;

export interface CheckpointRow {
  position: number;
  generation: string | null;
}

export const readCheckpoint = async (
  tx: SqlSession,
  names: CheckpointTables,
  projection: string,
  slot: CheckpointSlot,
): Promise<CheckpointRow | undefined> => {
  const [row] = await tx.query<{ position: string | number; generation: string | null }>(
    `SELECT position, generation FROM ${names.checkpoints} WHERE name = $1 AND slot = $2`,
    [projection, slot],
  );
  return row && { position: Number(row.position), generation: row.generation };
};

export const writeCheckpoint = async (
  tx: SqlSession,
  names: CheckpointTables,
  projection: string,
  slot: CheckpointSlot,
  row: CheckpointRow,
): Promise<void> => {
  await tx.query(
    `INSERT INTO ${names.checkpoints} (name, slot, position, generation) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name, slot) DO UPDATE SET position = excluded.position, generation = excluded.generation, updated_at = now()`,
    [projection, slot, row.position, row.generation],
  );
};

/** Last applied revision of each of the given streams (absent: nothing applied yet). */
export const readStreamRevisions = async (
  tx: SqlSession,
  names: CheckpointTables,
  projection: string,
  slot: CheckpointSlot,
  streamIds: readonly string[],
): Promise<Map<string, number>> => {
  const rows = await tx.query<{ stream_id: string; revision: number }>(
    `SELECT stream_id, revision FROM ${names.streams} WHERE name = $1 AND slot = $2 AND stream_id = ANY ($3::text[])`,
    [projection, slot, [...new Set(streamIds)]],
  );
  return new Map(rows.map((row) => [row.stream_id, Number(row.revision)]));
};

/** Records the last revision applied per stream: one statement for the whole batch. */
export const writeStreamRevisions = async (
  tx: SqlSession,
  names: CheckpointTables,
  projection: string,
  slot: CheckpointSlot,
  events: readonly RecordedEvent[],
): Promise<void> => {
  const last = new Map<string, number>();
  for (const event of events) last.set(event.streamId, Math.max(last.get(event.streamId) ?? -1, event.streamRevision));
  if (last.size === 0) return;
  await tx.query(
    `INSERT INTO ${names.streams} (name, slot, stream_id, revision)
     SELECT $1, $2, stream_id, revision FROM unnest($3::text[], $4::integer[]) AS batch (stream_id, revision)
     ON CONFLICT (name, slot, stream_id) DO UPDATE SET revision = greatest(${names.streams}.revision, excluded.revision)`,
    [projection, slot, [...last.keys()], [...last.values()]],
  );
};

/** Removes one slot's checkpoint and stream revisions (a rebuild that starts over, or the slot a swap replaced). */
export const clearSlot = async (tx: SqlSession, names: CheckpointTables, projection: string, slot: CheckpointSlot): Promise<void> => {
  await tx.query(`DELETE FROM ${names.checkpoints} WHERE name = $1 AND slot = $2`, [projection, slot]);
  await tx.query(`DELETE FROM ${names.streams} WHERE name = $1 AND slot = $2`, [projection, slot]);
};

/** In the swap: the rebuild's checkpoint and stream revisions become the live ones. */
export const promoteRebuildSlot = async (tx: SqlSession, names: CheckpointTables, projection: string): Promise<void> => {
  await clearSlot(tx, names, projection, 'live');
  await tx.query(`UPDATE ${names.checkpoints} SET slot = 'live', generation = NULL, updated_at = now() WHERE name = $1 AND slot = 'rebuild'`, [
    projection,
  ]);
  await tx.query(`UPDATE ${names.streams} SET slot = 'live' WHERE name = $1 AND slot = 'rebuild'`, [projection]);
};

/**
 * Locks several projections in one statement (a live group's batch), in name order: every writer that takes more
 * than one takes them in the same order, so two of them cannot deadlock.
 */
export const lockProjections = async (tx: SqlSession, names: CheckpointTables, projections: readonly string[]): Promise<void> => {
  const keys = [...new Set(projections)].sort().map((projection) => lockKeyOf(names, projection));
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext(lock.key)) FROM unnest($1::text[]) WITH ORDINALITY AS lock (key, n) ORDER BY lock.n`, [keys]);
};

/** The checkpoints of several projections in one slot, by projection name (absent: no checkpoint). */
export const readCheckpoints = async (
  tx: SqlSession,
  names: CheckpointTables,
  projections: readonly string[],
  slot: CheckpointSlot,
): Promise<Map<string, CheckpointRow>> => {
  const rows = await tx.query<{ name: string; position: string | number; generation: string | null }>(
    `SELECT name, position, generation FROM ${names.checkpoints} WHERE name = ANY ($1::text[]) AND slot = $2`,
    [projections, slot],
  );
  return new Map(rows.map((row) => [row.name, { position: Number(row.position), generation: row.generation }]));
};

/** Moves several existing checkpoints of one slot in one statement. */
export const moveCheckpoints = async (
  tx: SqlSession,
  names: CheckpointTables,
  slot: CheckpointSlot,
  positions: ReadonlyMap<string, number>,
): Promise<void> => {
  if (positions.size === 0) return;
  await tx.query(
    `UPDATE ${names.checkpoints} AS checkpoint SET position = moved.position, updated_at = now()
     FROM unnest($1::text[], $2::bigint[]) AS moved (name, position)
     WHERE checkpoint.name = moved.name AND checkpoint.slot = $3`,
    [[...positions.keys()], [...positions.values()], slot],
  );
};
