import type { Projection } from '../projection';
import { clearSlot, lockProjection, readCheckpoint, writeCheckpoint } from './checkpoints';
import type { RuntimeContext } from './runtime-context';
import { tableNamesOf } from './sql-names';
import { readTableShape, tableShapeOf, writeTableShape } from './table-shape';

/**
 * What start-up found: tables created for the first time, kept as they were, or dropped and created anew because
 * the projection's DDL changed since they were made (they fill again from position 0 of the log).
 */
export type LiveTablesOutcome = 'created' | 'kept' | 'reshaped';

/** Creates a projection's live tables and its checkpoint together; later starts keep them while their shape holds. */
export const ensureLiveTables = async (context: RuntimeContext, projection: Projection): Promise<LiveTablesOutcome> =>
  context.db.transaction(async (tx) => {
    // Instances of a scaled-out projector start together: CREATE SCHEMA IF NOT EXISTS alone races (duplicate key).
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`itsm.projections.schema:${context.schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${context.schema}"`);
    await lockProjection(tx, context.checkpoints, projection.name);
    const existing = await readCheckpoint(tx, context.checkpoints, projection.name, 'live');
    // No recorded shape (tables made before shapes were recorded) counts as a change: a rebuild is always correct.
    if (existing && (await readTableShape(tx, context.checkpoints, projection.name)) === tableShapeOf(projection)) return 'kept';
    const tables = tableNamesOf(projection, context.schema);
    if (existing) {
      for (const table of projection.tables) await tx.exec(`DROP TABLE IF EXISTS ${tables[table]}`);
      await clearSlot(tx, context.checkpoints, projection.name, 'live');
    }
    await tx.exec(projection.createTables(tables));
    await writeCheckpoint(tx, context.checkpoints, projection.name, 'live', { position: -1, generation: null });
    await writeTableShape(tx, context.checkpoints, projection);
    return existing ? 'reshaped' : 'created';
  });
