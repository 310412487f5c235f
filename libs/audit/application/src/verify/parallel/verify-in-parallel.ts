import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuditFailure, AuditLogVerifier, DigestedRange, EventCoordinates, Hash } from '@itsm/audit-domain';
import { EVENT_COLUMNS, eventLogSchema } from '@itsm/event-store';
import { verifierHashingFile } from '../../export/audit-export';

/** The PostgreSQL server that holds the log: workers read it on connections of their own. */
export interface ParallelVerification {
  connectionString: string;
  /** Schema of the log (default `event_store`). */
  schema?: string;
  /** Worker threads; default 2. */
  workers?: number;
  /** Global positions per range handed to a worker; default: the log split in 8 ranges per worker, 2,000 to 20,000 each. */
  rangeSize?: number;
  /** Fewer positions to verify than this run in one thread (starting threads costs more than they save); default 20,000. */
  minimumPositions?: number;
}

const WORKER_FILE = 'verify-chunk.worker.cjs';

/**
 * The worker's file: beside this one in the sources (specs, benchmarks, ts-node), or in `audit/` beside the
 * compiled CLI (copied there as an asset by apps/cli/webpack.config.js). Undefined elsewhere: verify then runs in
 * one thread.
 */
export const parallelVerifyWorkerFile = (): string | undefined =>
  [join(__dirname, WORKER_FILE), join(__dirname, 'audit', WORKER_FILE)].find((candidate) => existsSync(candidate));

/**
 * The parent's Node flags without its preloads (`-r`, `--require`): the worker is plain CommonJS, and a parent run
 * under ts-node (specs, benchmarks) would otherwise load the TypeScript compiler into every thread, seconds of
 * start-up per verification. Other flags (`--cpu-prof`, memory limits) still reach the threads.
 */
export const withoutPreloads = (execArgv: readonly string[]): string[] => {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (arg === '-r' || arg === '--require') i++;
    else if (!arg.startsWith('--require=')) kept.push(arg);
  }
  return kept;
};

interface RangeResult {
  count: number;
  leaves: ArrayBuffer;
  positions: ArrayBuffer;
  firsts: DigestedRange['firsts'];
  heads: DigestedRange['heads'];
  failure: AuditFailure | null;
}

/** One worker thread, one range at a time. */
class RangeWorker {
  private readonly worker: Worker;
  private pending: { resolve: (result: RangeResult) => void; reject: (error: Error) => void } | undefined;
  private failed: Error | undefined;

  constructor(file: string, workerData: Record<string, unknown>) {
    this.worker = new Worker(file, { workerData, execArgv: withoutPreloads(process.execArgv) });
    this.worker.on('message', (message: { result?: RangeResult; error?: string }) => {
      const pending = this.pending;
      this.pending = undefined;
      if (message.error !== undefined) pending?.reject(new Error(`verify worker: ${message.error}`));
      else pending?.resolve(message.result as RangeResult);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`verify worker exited (${code})`)));
  }

  verify(after: number, upTo: number): Promise<RangeResult> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ after, upTo });
    });
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ stop: true });
    const timer = setTimeout(() => void this.worker.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  }

  private fail(error: Error): void {
    this.failed ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}

export interface ParallelRun {
  verifier: AuditLogVerifier;
  /** Exclusive. */
  after: number;
  /** Inclusive: the log's head as the run started. */
  head: number;
  /** The recorded leaf hashes from a leaf index (as far as the tree goes). */
  recordedLeaves(first: number, count: number): Promise<Hash[]>;
  /** Before a range is taken: what the verifier needs to know of streams first seen in it (a run from a position). */
  beforeRange?(firsts: readonly EventCoordinates[]): Promise<void>;
  onRange?(recordedCompared: number): void;
}

/**
 * Verifies (after, head] with worker threads, each reading ranges of positions from the server and doing the work
 * that needs no other range (canonical JSON, the chain inside the range, leaf hashes); the ranges are taken in
 * order here by the verifier, which stitches the chains across them and keeps the tree and the checkpoints. At
 * most two ranges per worker wait, so memory stays bounded.
 */
export const verifyInParallel = async (parallel: ParallelVerification, workerFile: string, run: ParallelRun): Promise<void> => {
  const workerCount = Math.max(1, parallel.workers ?? 2);
  // Small enough that every worker has work on a short log, large enough that a range's set-up does not count.
  const rangeSize = parallel.rangeSize ?? Math.min(20_000, Math.max(2_000, Math.ceil((run.head - run.after) / (workerCount * 8))));
  const workerData = {
    connectionString: parallel.connectionString,
    columns: EVENT_COLUMNS,
    table: eventLogSchema(parallel.schema).events,
    pageSize: 5_000,
    // The hashing every audit export ships: one JavaScript source for the auditor's verify.mjs and these threads.
    hashingFile: verifierHashingFile(),
  };
  const workers = Array.from({ length: workerCount }, () => new RangeWorker(workerFile, workerData));
  const ranges: { after: number; upTo: number }[] = [];
  for (let after = run.after; after < run.head; after += rangeSize) ranges.push({ after, upTo: Math.min(after + rangeSize, run.head) });
  const results: Promise<RangeResult>[] = [];
  const idle = [...workers];
  const window = workers.length * 2;
  let next = 0;
  let limit = window;
  // Ranges go out in order, one per free worker, at most `window` ahead of the range being taken.
  const dispatch = (): void => {
    while (idle.length > 0 && next < ranges.length && next < limit) {
      const worker = idle.shift() as RangeWorker;
      const index = next++;
      const result = worker.verify(ranges[index].after, ranges[index].upTo);
      results[index] = result;
      result.then(
        () => {
          idle.push(worker);
          dispatch();
        },
        () => undefined,
      );
    }
  };
  try {
    dispatch();
    for (let index = 0; index < ranges.length; index++) {
      const pending = results[index];
      if (!pending) throw new Error(`range ${index} was never handed out`);
      const result = await pending;
      limit = index + 1 + window;
      dispatch();
      if (result.count === 0 && !result.failure) continue;
      await run.beforeRange?.(result.firsts);
      const leaves = Buffer.from(result.leaves);
      const hashes: Hash[] = [];
      for (let at = 0; at < leaves.length; at += 32) hashes.push(leaves.subarray(at, at + 32));
      const first = run.verifier.treeSize;
      const recorded = await run.recordedLeaves(first, hashes.length);
      const failure = run.verifier.acceptRange({ leaves: hashes, positions: Array.from(new Float64Array(result.positions)), firsts: result.firsts, heads: result.heads, failure: result.failure }, recorded);
      run.onRange?.(Math.min(recorded.length, run.verifier.treeSize - first));
      if (failure) return;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
};
