import { createHash } from 'node:crypto';
import type { SqlSession } from '@itsm/event-store';
import type { Projection } from '../projection';
import type { CheckpointTables } from './checkpoints';
import { tableNamesOf } from './sql-names';

/** A schema name no runtime uses: the fingerprint must not depend on where the tables live. */
const FINGERPRINT_SCHEMA = 'table_shape';

/**
 * The fingerprint of a projection's DDL: when a new release changes a table (a column, an index), the recorded
 * fingerprint no longer matches and the runtime rebuilds that projection from the log instead of writing rows
 * into tables of the old shape.
 */
export const tableShapeOf = (projection: Projection): string =>
  createHash('sha256').update(projection.createTables(tableNamesOf(projection, FINGERPRINT_SCHEMA))).digest('hex').slice(0, 32);

export const readTableShape = async (tx: SqlSession, names: CheckpointTables, projection: string): Promise<string | null> => {
  const [row] = await tx.query<{ shape: string }>(`SELECT shape FROM ${names.shapes} WHERE name = $1`, [projection]);
  return row?.shape ?? null;
};

export const writeTableShape = async (tx: SqlSession, names: CheckpointTables, projection: Projection): Promise<void> => {
  await tx.query(
    `INSERT INTO ${names.shapes} (name, shape) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET shape = excluded.shape, updated_at = now()`,
    [projection.name, tableShapeOf(projection)],
  );
};
