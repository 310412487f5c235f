import {
  ProjectionRuntime,
  streamHeadsProjection,
  timeProjectionRebuild,
} from '@itsm/projections';
import type { BenchLog } from '../shared/bench-log';
import { readWholeLog } from '../shared/read-log';
import { elapsedMs, type Sample } from '../shared/stats';

/** The runtime's default: events per read and per transaction during a rebuild; the readAll baseline pages alike. */
export const REBUILD_BATCH_SIZE = 2000;

export interface RebuildContender {
  name: string;
  /** One full pass over the log; notes a pass that saw another number of events than the log holds. */
  run(
    log: BenchLog,
    runtime: ProjectionRuntime,
    logSize: number,
  ): Promise<Sample>;
}

const countNote = (what: string, seen: number, expected: number): string[] =>
  seen === expected
    ? []
    : [`${what} ${seen} events, the log holds ${expected}`];

/** Ours: `timeProjectionRebuild` of the audit projection `stream_heads`, shadow tables to swap, end to end. */
export const projectionRebuild: RebuildContender = {
  name: 'rebuild stream_heads',
  async run(_log, runtime, logSize) {
    const timing = await timeProjectionRebuild(
      runtime,
      streamHeadsProjection.name,
    );
    return {
      events: timing.events,
      totalMs: timing.seconds * 1000,
      latenciesMs: [],
      notes: countNote('rebuild read', timing.events, logSize),
    };
  },
};

/** The read ceiling: one `readAll` pass over the same log in pages of the rebuild's batch size, nothing written. */
export const readAllPass: RebuildContender = {
  name: 'readAll pass',
  async run(log, _runtime, logSize) {
    const latencies: number[] = [];
    let pageStart = process.hrtime.bigint();
    const start = pageStart;
    const count = await readWholeLog(log.store, REBUILD_BATCH_SIZE, () => {
      latencies.push(elapsedMs(pageStart));
      pageStart = process.hrtime.bigint();
    });
    return {
      events: count,
      totalMs: elapsedMs(start),
      latenciesMs: latencies,
      notes: countNote('readAll read', count, logSize),
    };
  },
};

/** The runtime the rebuild contender uses, with only `stream_heads` registered (live tables created, never fed). */
export const openRebuildRuntime = (log: BenchLog) =>
  ProjectionRuntime.create({
    db: log.executor(4),
    source: log.store,
    projections: [streamHeadsProjection],
    batchSize: REBUILD_BATCH_SIZE,
  });
