import { randomBytes } from 'node:crypto';
import type { SqlSession } from '@itsm/event-store';
import type { Projection } from '../projection';
import { applyBatchInTransaction, RebuildSupersededError, type ApplyTarget } from './apply-batch';
import { clearSlot, lockProjection, promoteRebuildSlot, readCheckpoint, writeCheckpoint } from './checkpoints';
import { filterOf } from './event-source';
import { RebuildProgressTracker } from './rebuild-progress';
import type { RuntimeContext } from './runtime-context';
import { qualified, shadowPrefix, tableNamesOf } from './sql-names';
import { writeTableShape } from './table-shape';

/** Short, sortable and unique enough to tell two rebuilds of the same projection apart. */
const newGeneration = (): string => `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/** The live applier got ahead of what the swap had read: read further before trying again. */
class SwapBehindLiveError extends Error {}

const HEAD_PROBE_INTERVAL_MS = 500;

const dropLeftoverShadows = async (tx: SqlSession, context: RuntimeContext, projection: Projection): Promise<void> => {
  for (const table of projection.tables) {
    const rows = await tx.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND starts_with(tablename, $2)`,
      [context.schema, shadowPrefix(table)],
    );
    for (const row of rows) await tx.query(`DROP TABLE IF EXISTS ${qualified(context.schema, row.tablename)}`);
  }
};

const createShadow = async (context: RuntimeContext, target: ApplyTarget): Promise<void> => {
  const { projection, generation } = target;
  await context.db.transaction(async (tx) => {
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${context.schema}"`);
    await lockProjection(tx, context.checkpoints, projection.name);
    await dropLeftoverShadows(tx, context, projection);
    await clearSlot(tx, context.checkpoints, projection.name, 'rebuild');
    await tx.exec(projection.createTables(target.tables));
    await writeCheckpoint(tx, context.checkpoints, projection.name, 'rebuild', { position: -1, generation });
  });
};

/** Replaces the live tables by the shadow ones and the live checkpoint by the rebuild's, in the caller's transaction. */
const switchTables = async (tx: SqlSession, context: RuntimeContext, projection: Projection, generation: string): Promise<void> => {
  const shadow = tableNamesOf(projection, context.schema, generation);
  const live = tableNamesOf(projection, context.schema);
  for (const table of projection.tables) {
    await tx.query(`DROP TABLE IF EXISTS ${live[table]}`);
    await tx.query(`ALTER TABLE ${shadow[table]} RENAME TO "${table}"`);
  }
  await promoteRebuildSlot(tx, context.checkpoints, projection.name);
  // The shadow tables were made by this release's DDL: they are what the live shape is now.
  await writeTableShape(tx, context.checkpoints, projection);
};

export interface RebuildHandle {
  tracker: RebuildProgressTracker;
  /** Resolves when the rebuilt tables are live; rejects when the rebuild failed (the old tables stay live). */
  finished: Promise<void>;
}

/**
 * Rebuilds a projection from position 0 into shadow tables while the live tables keep serving reads and taking
 * new events, then swaps them in. The swap transaction takes the projection's lock (so no live batch interleaves),
 * applies what the log gained since the last read — unless a live batch already went past it, then it reads on —
 * renames the shadow tables into place and hands the rebuild's checkpoint to the live appliers, who continue
 * from there: no event is lost or applied twice.
 */
export const startRebuild = (
  context: RuntimeContext,
  projection: Projection,
  onProgress?: (progress: ReturnType<RebuildProgressTracker['snapshot']>) => void,
): RebuildHandle => {
  const generation = newGeneration();
  const tracker = new RebuildProgressTracker(projection.name, generation);
  const target: ApplyTarget = {
    projection,
    tables: tableNamesOf(projection, context.schema, generation),
    slot: 'rebuild',
    generation,
    deduplication: context.deduplication,
    upcast: context.upcast,
  };
  const filter = filterOf(projection);
  const report = () => onProgress?.(tracker.snapshot());
  let position = -1;

  const readBatch = (from: number) => context.source.readAll({ fromPosition: from, maxCount: context.batchSize, filter });

  // The head is only for progress figures: probing it every batch would cost a round trip per batch.
  let headProbedAt = 0;
  const refreshTotal = async () => {
    if (Date.now() - headProbedAt < HEAD_PROBE_INTERVAL_MS) return;
    headProbedAt = Date.now();
    tracker.setTotal(await context.headPosition());
  };

  /** Applies full batches until a read comes back short (the head); reads the next batch while writing this one. */
  const catchUp = async (): Promise<void> => {
    headProbedAt = 0;
    let next = readBatch(position);
    for (;;) {
      await refreshTotal();
      const { events, lastPosition } = await next;
      const full = events.length >= context.batchSize;
      if (full) {
        next = readBatch(lastPosition);
        next.catch(() => undefined); // awaited on the next turn; a failed apply must not leave it unhandled
      }
      const applied = await context.db.transaction((tx) => applyBatchInTransaction(tx, context.checkpoints, target, events, lastPosition));
      position = applied.position;
      tracker.advance(position, applied.applied);
      report();
      if (!full) return;
    }
  };

  const trySwap = async (): Promise<boolean> => {
    const { events, lastPosition } = await readBatch(position);
    if (events.length >= context.batchSize) return false;
    try {
      const applied = await context.db.transaction(async (tx) => {
        await lockProjection(tx, context.checkpoints, projection.name);
        const live = await readCheckpoint(tx, context.checkpoints, projection.name, 'live');
        if (live && live.position > Math.max(lastPosition, position)) throw new SwapBehindLiveError();
        const batch = await applyBatchInTransaction(tx, context.checkpoints, target, events, lastPosition);
        await switchTables(tx, context, projection, generation);
        return batch;
      });
      position = applied.position;
      tracker.advance(position, applied.applied);
      return true;
    } catch (error) {
      if (error instanceof SwapBehindLiveError) return false;
      throw error;
    }
  };

  const run = async (): Promise<void> => {
    await createShadow(context, target);
    tracker.setState('catching-up');
    report();
    for (;;) {
      await catchUp();
      tracker.setState('swapping');
      report();
      if (await trySwap()) break;
      tracker.setState('catching-up');
    }
    tracker.setTotal(position);
    tracker.setState('done');
    report();
  };

  const finished = run().catch((error: unknown) => {
    tracker.fail(error);
    report();
    throw error;
  });
  // A caller that only polls progress must not crash the process with an unhandled rejection.
  finished.catch(() => undefined);
  return { tracker, finished };
};

export { RebuildSupersededError };
