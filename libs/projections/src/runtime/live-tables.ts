import type { Projection } from '../projection';
import { lockProjection, readCheckpoint, writeCheckpoint } from './checkpoints';
import type { RuntimeContext } from './runtime-context';
import { tableNamesOf } from './sql-names';

/** Creates a projection's live tables and its checkpoint together, once; later starts find them in place. */
export const ensureLiveTables = async (context: RuntimeContext, projection: Projection): Promise<void> => {
  await context.db.transaction(async (tx) => {
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${context.schema}"`);
    await lockProjection(tx, context.checkpoints, projection.name);
    if (await readCheckpoint(tx, context.checkpoints, projection.name, 'live')) return;
    await tx.exec(projection.createTables(tableNamesOf(projection, context.schema)));
    await writeCheckpoint(tx, context.checkpoints, projection.name, 'live', { position: -1, generation: null });
  });
};
