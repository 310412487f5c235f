import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlTransaction } from '@itsm/event-store';
import { applyEvents, handlesType } from '../projection';
import { ProjectionNotInitializedError, type ApplyTarget } from './apply-batch';
import { lockProjections, moveCheckpoints, readCheckpoints, type CheckpointTables } from './checkpoints';

/** One projection of a group could not take the batch (the transaction is rolled back for all of them). */
export class GroupMemberFailed extends Error {
  constructor(
    readonly projection: string,
    override readonly cause: unknown,
  ) {
    super(`Projection ${projection} failed in its group's batch: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Applies one batch read from the log (in log order, already upcast) to several projections' live tables in the
 * caller's transaction, and commits it: their locks in one statement, their checkpoints read in one and moved in one, each
 * projection taking only its types past its own checkpoint. `readUpTo` is how far the log was read (a filtered
 * read may pass events no member takes). Throws GroupMemberFailed naming the projection whose `apply` failed.
 */
export const applyGroupInTransaction = async (
  tx: SqlTransaction,
  names: CheckpointTables,
  targets: readonly ApplyTarget[],
  events: readonly RecordedEvent[],
  readUpTo: number,
): Promise<void> => {
  const projections = targets.map((target) => target.projection.name);
  // Sent together (one round trip on a pipelined connection); the server runs them in order, the read after the locks.
  const locked = lockProjections(tx, names, projections);
  const read = readCheckpoints(tx, names, projections, 'live');
  read.catch(() => undefined); // awaited below, after the lock's answer
  await locked;
  const checkpoints = await read;
  const upTo = events.reduce((max, event) => Math.max(max, event.globalPosition), readUpTo);
  const moved = new Map<string, number>();
  for (const { projection, tables } of targets) {
    const checkpoint = checkpoints.get(projection.name);
    if (!checkpoint) throw new GroupMemberFailed(projection.name, new ProjectionNotInitializedError(projection.name));
    const fresh = events.filter((event) => event.globalPosition > checkpoint.position && handlesType(projection, event.type));
    try {
      await applyEvents(projection, tx, fresh, tables);
    } catch (error) {
      throw new GroupMemberFailed(projection.name, error);
    }
    if (upTo > checkpoint.position) moved.set(projection.name, upTo);
  }
  // The checkpoints leave with COMMIT.
  const movedCheckpoints = moveCheckpoints(tx, names, 'live', moved);
  const committed = tx.commit();
  committed.catch(() => undefined); // awaited below, after the move's answer
  await movedCheckpoints;
  await committed;
};
