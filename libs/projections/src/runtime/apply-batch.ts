import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { applyEvents, handlesType, type Projection, type TableNames } from '../projection';
import {
  lockProjection,
  readCheckpoint,
  readStreamRevisions,
  writeCheckpoint,
  writeStreamRevisions,
  type CheckpointSlot,
  type CheckpointTables,
} from './checkpoints';

/**
 * How a transaction recognises events it has already applied:
 * - 'position': events come in log order (event-store subscription), the checkpoint is the log position;
 * - 'stream-revision': events come in per-stream order only (Kafka), the last revision per stream decides.
 * Both also keep the highest log position applied, which a rebuild's swap must reach before it takes over.
 */
export type Deduplication = 'position' | 'stream-revision';

export interface ApplyTarget<Table extends string = string> {
  projection: Projection<Table>;
  tables: TableNames<Table>;
  slot: CheckpointSlot;
  /** The rebuild generation the shadow tables belong to (rebuild slot only). */
  generation: string | null;
  deduplication: Deduplication;
  /** Brings each event to the latest schema of its type before `apply` (old versions are upcast, never rewritten). */
  upcast?(event: RecordedEvent): RecordedEvent;
}

/** A rebuild whose shadow tables were replaced by another rebuild, or swapped in already. */
export class RebuildSupersededError extends Error {
  constructor(projection: string, generation: string | null) {
    super(`Rebuild ${generation} of projection ${projection} is no longer current`);
  }
}

export class ProjectionNotInitializedError extends Error {
  constructor(projection: string) {
    super(`Projection ${projection} has no live checkpoint: start the runtime before feeding it events`);
  }
}

export interface AppliedBatch {
  /** Events written (after deduplication and the type filter). */
  applied: number;
  /** The checkpoint after this batch. */
  position: number;
}

const freshEvents = async (
  tx: SqlSession,
  names: CheckpointTables,
  target: ApplyTarget,
  checkpoint: number,
  events: readonly RecordedEvent[],
): Promise<RecordedEvent[]> => {
  if (target.deduplication === 'position') return events.filter((event) => event.globalPosition > checkpoint);
  const applied = await readStreamRevisions(tx, names, target.projection.name, target.slot, events.map((event) => event.streamId));
  return events.filter((event) => {
    if (event.streamRevision <= (applied.get(event.streamId) ?? -1)) return false;
    applied.set(event.streamId, event.streamRevision); // a duplicate later in the same batch
    return true;
  });
};

/**
 * Applies a batch and moves the checkpoint in the caller's transaction, so rows and checkpoint commit or roll back
 * together. `readUpTo` is how far the log was read (a filtered read may pass events the projection does not take).
 */
export const applyBatchInTransaction = async (
  tx: SqlSession,
  names: CheckpointTables,
  target: ApplyTarget,
  events: readonly RecordedEvent[],
  readUpTo?: number,
): Promise<AppliedBatch> => {
  const { projection, slot } = target;
  await lockProjection(tx, names, projection.name);
  const checkpoint = await readCheckpoint(tx, names, projection.name, slot);
  if (!checkpoint) {
    if (slot === 'live') throw new ProjectionNotInitializedError(projection.name);
    throw new RebuildSupersededError(projection.name, target.generation);
  }
  if (slot === 'rebuild' && checkpoint.generation !== target.generation) throw new RebuildSupersededError(projection.name, target.generation);

  const fresh = (await freshEvents(tx, names, target, checkpoint.position, events)).filter((event) => handlesType(projection, event.type));
  await applyEvents(projection, tx, target.upcast ? fresh.map(target.upcast) : fresh, target.tables);
  if (target.deduplication === 'stream-revision') await writeStreamRevisions(tx, names, projection.name, slot, fresh);

  const lastDelivered = events.reduce((max, event) => Math.max(max, event.globalPosition), -1);
  const position = Math.max(checkpoint.position, readUpTo ?? -1, lastDelivered);
  if (position !== checkpoint.position || fresh.length > 0) {
    await writeCheckpoint(tx, names, projection.name, slot, { position, generation: checkpoint.generation });
  }
  return { applied: fresh.length, position };
};
