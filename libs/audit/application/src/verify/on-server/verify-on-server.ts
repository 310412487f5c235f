import type { AuditLogVerifier, DigestedRange, EventCoordinates, Hash } from '@itsm/audit-domain';
import { createPgExecutor, eventLogSchema, type SqlExecutor } from '@itsm/event-store';
import { rangeCheckStatement, type RangeCheckRow } from './range-check.statement';

/** The PostgreSQL server that holds the log: it checks ranges of it itself, on connections of their own. */
export interface ParallelVerification {
  connectionString: string;
  /** Schema of the log (default `event_store`). */
  schema?: string;
  /** Ranges the server checks side by side, each on a connection of its own; default 2. */
  workers?: number;
  /** Global positions per range; default: the log split in 4 ranges per connection, 2,000 to 20,000 each. */
  rangeSize?: number;
  /** Fewer positions to verify than this are checked by the client alone (the ranges' set-up costs more); default 20,000. */
  minimumPositions?: number;
}

export interface ServerRun {
  verifier: AuditLogVerifier;
  /** Exclusive. */
  after: number;
  /** Inclusive: the log's head as the run started. */
  head: number;
  /** The position of the recorded tree's last leaf: later events have no recorded leaf to be compared with. */
  recordedUpTo: number;
  /** The recorded leaf hashes from a leaf index (as far as the tree goes). */
  recordedLeaves(first: number, count: number): Promise<Hash[]>;
  /** Before a range is taken: what the verifier needs to know of streams first seen in it (a run from a position). */
  beforeRange?(firsts: readonly EventCoordinates[]): Promise<void>;
  /** Checks (after, upTo] in this process, event by event; returns how many events it compared with recorded leaves. */
  checkHere(after: number, upTo: number): Promise<number>;
  onRange?(recordedCompared: number): void;
}

const HASH_BYTES = 32;
/** Sorting a range by stream (the window) in memory: 20,000 events of a few hundred bytes each. */
const SORT_MEMORY = '-c work_mem=64MB';

interface ServerRange {
  count: number;
  firstBad: number | null;
  leaves: Buffer;
  positions: number[];
  firsts: DigestedRange['firsts'];
  heads: DigestedRange['heads'];
}

const positionsOf = (bytes: Buffer): number[] => {
  const positions: number[] = new Array(bytes.length / 8);
  for (let i = 0; i < positions.length; i++) positions[i] = bytes.readUInt32BE(i * 8) * 2 ** 32 + bytes.readUInt32BE(i * 8 + 4);
  return positions;
};

const rangeOf = (row: RangeCheckRow): ServerRange => {
  const positions = positionsOf(row.positions);
  const indexOf = new Map(positions.map((position, index) => [position, index]));
  return {
    count: Number(row.count),
    firstBad: row.first_bad === null ? null : Number(row.first_bad),
    leaves: row.leaves,
    positions,
    firsts: row.firsts.map(([globalPosition, streamId, streamRevision, eventId, hash, previousHash, chainHash]) => ({
      index: indexOf.get(Number(globalPosition)) ?? -1,
      globalPosition: Number(globalPosition),
      streamId,
      streamRevision: Number(streamRevision),
      eventId,
      hash,
      previousHash,
      chainHash,
    })),
    heads: row.heads.map(([streamId, revision, hash]) => [streamId, Number(revision), hash] as const),
  };
};

/**
 * What the server vouched for, as the verifier must find it to take the range whole: nothing bad, every event with
 * a recorded leaf equal to the leaf the server computed (which also proves its canonical text is the one the tree
 * recorded), positions that only increase, and each stream's first event linked to the head the verifier holds.
 */
const vouchedFor = (range: ServerRange, recorded: readonly Hash[], verifier: AuditLogVerifier): boolean => {
  if (range.firstBad !== null || recorded.length !== range.count || range.leaves.length !== range.count * HASH_BYTES) return false;
  for (let i = 0; i < range.count; i++) {
    if (!recorded[i].equals(range.leaves.subarray(i * HASH_BYTES, (i + 1) * HASH_BYTES))) return false;
    if (i > 0 && !(range.positions[i] > range.positions[i - 1])) return false;
  }
  return verifier.linksTo(range);
};

/**
 * Verifies (after, head] with the database server doing the per-event work: ranges of positions go to the server
 * (`workers` at a time, in order, at most two per connection waiting), which rebuilds each event's canonical JSON,
 * checks its chain and computes its leaf, set-based; here the ranges are taken in order, their leaves compared
 * with the recorded tree and added to the verifier's tree, their streams' first events linked to the heads before.
 * A range the server cannot vouch for whole (a failure, an event written before canonical texts were stored, one
 * past the recorded tree, an error) is checked here event by event, as the one-thread verification does: the first
 * failure and its wording are the same either way.
 */
export const verifyOnServer = async (parallel: ParallelVerification, run: ServerRun): Promise<void> => {
  const connections = Math.max(1, parallel.workers ?? 2);
  const rangeSize = parallel.rangeSize ?? Math.min(20_000, Math.max(2_000, Math.ceil((run.head - run.after) / (connections * 4))));
  const ranges: { after: number; upTo: number }[] = [];
  for (let after = run.after; after < run.head; after += rangeSize) ranges.push({ after, upTo: Math.min(after + rangeSize, run.head) });
  const db: SqlExecutor = createPgExecutor({ connectionString: parallel.connectionString, max: connections, options: SORT_MEMORY });
  const statement = rangeCheckStatement(eventLogSchema(parallel.schema).events);
  const checks: Promise<ServerRange | null>[] = [];
  const window = connections * 2;
  const dispatch = (upToIndex: number): void => {
    for (let index = checks.length; index < Math.min(upToIndex, ranges.length); index++) {
      const { after, upTo } = ranges[index];
      // Past the recorded tree nothing could be taken whole: checked here without asking the server.
      const check =
        after >= run.recordedUpTo
          ? Promise.resolve(null)
          : db.query<RangeCheckRow>(statement, [after, upTo]).then(
              ([row]) => (row ? rangeOf(row) : null),
              // A row the statement cannot read (canonical text that is not JSON) fails it: checked here instead.
              () => null,
            );
      checks.push(check);
    }
  };
  try {
    for (let index = 0; index < ranges.length; index++) {
      dispatch(index + 1 + window);
      const range = await checks[index];
      const { after, upTo } = ranges[index];
      if (range && range.count === 0 && range.firstBad === null) continue;
      const first = run.verifier.treeSize;
      const recorded = range ? await run.recordedLeaves(first, range.count) : [];
      if (range) await run.beforeRange?.(range.firsts);
      if (range && vouchedFor(range, recorded, run.verifier)) {
        const failure = run.verifier.acceptRange({ leaves: recorded, positions: range.positions, firsts: range.firsts, heads: range.heads, failure: null }, recorded);
        run.onRange?.(Math.min(recorded.length, run.verifier.treeSize - first));
        if (failure) return;
      } else {
        const compared = await run.checkHere(after, upTo);
        run.onRange?.(compared);
        if (run.verifier.firstFailure) return;
      }
    }
  } finally {
    // Checks still running (after a failure) end before their connections do.
    await Promise.allSettled(checks);
    await db.close();
  }
};
