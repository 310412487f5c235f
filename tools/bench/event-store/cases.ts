import { newId } from '@itsm/event-sourcing';
import type { BenchConfig } from '../shared/config';
import { perRound } from '../shared/config';
import { elapsedMs, timed, type Sample } from '../shared/stats';
import type { Contender } from './contender';
import { incidentEvents } from './incident-event';

/** What a case knows about the contender it runs on: how many events that contender's log holds so far. */
export interface CaseContext {
  written: number;
}

export interface BenchCase {
  id: string;
  title: string;
  /** Sizes as shown in the progress line and the JSON. */
  describe(config: BenchConfig): string;
  /** Warms up (unmeasured), then measures. Throws when the contender returns something other than what was written. */
  run(
    contender: Contender,
    context: CaseContext,
    config: BenchConfig,
  ): Promise<Sample>;
}

const newStreamId = (): string => `incident-${newId()}`;

/** One stream the bench writes to, with the revision it is at (-1: not created yet). */
interface StreamCursor {
  id: string;
  revision: number;
}

const newStreams = (count: number): StreamCursor[] =>
  Array.from({ length: count }, () => ({ id: newStreamId(), revision: -1 }));

/**
 * Appends round-robin over `streams` (so most appends hit a stream last touched a while ago), with payloads
 * built beforehand so only the store's work is timed. Returns per-append latencies.
 */
const appendRoundRobin = async (
  contender: Contender,
  context: CaseContext,
  streams: StreamCursor[],
  appends: number,
  eventsPerAppend: number,
  latencies: number[] = [],
): Promise<number[]> => {
  const batches = Array.from({ length: appends }, (_, index) =>
    incidentEvents(eventsPerAppend, context.written + index * eventsPerAppend),
  );
  for (const [index, events] of batches.entries()) {
    const stream = streams[index % streams.length];
    await timed(latencies, () =>
      contender.append(stream.id, events, stream.revision),
    );
    stream.revision += events.length;
    context.written += events.length;
  }
  return latencies;
};

const warmUpAppends = (appends: number) =>
  Math.max(20, Math.round(appends / 10));

const measureAppends = async (
  contender: Contender,
  context: CaseContext,
  streams: number,
  appends: number,
  eventsPerAppend: number,
): Promise<Sample> => {
  const warmUp = warmUpAppends(appends);
  await appendRoundRobin(
    contender,
    context,
    newStreams(Math.min(warmUp, streams)),
    warmUp,
    eventsPerAppend,
  );
  const start = process.hrtime.bigint();
  const latencies = await appendRoundRobin(
    contender,
    context,
    newStreams(streams),
    appends,
    eventsPerAppend,
  );
  return {
    events: appends * eventsPerAppend,
    totalMs: elapsedMs(start),
    latenciesMs: latencies,
  };
};

const rounds = (config: BenchConfig) => `${config.rounds} rounds × `;

const singleAppends: BenchCase = {
  id: 'append-1',
  title: '1 event per append',
  describe: (config) =>
    `${rounds(config)}${perRound(config, 2000, 20)} appends, each to a new stream`,
  run: (contender, context, config) => {
    const appends = perRound(config, 2000, 20);
    return measureAppends(contender, context, appends, appends, 1);
  },
};

const batchedAppends: BenchCase = {
  id: 'append-10',
  title: '10 events per append',
  describe: (config) =>
    `${rounds(config)}${perRound(config, 500, 10)} appends over ${perRound(config, 100, 2)} streams`,
  run: (contender, context, config) =>
    measureAppends(
      contender,
      context,
      perRound(config, 100, 2),
      perRound(config, 500, 10),
      10,
    ),
};

/** Appends of a concurrent-writers case (before BENCH_SCALE), shared by its writers: more writers, fewer each. */
const CONCURRENT_APPENDS = 2000;

/**
 * `writers` concurrent writers, each appending one event at a time (closed loop) round-robin over 25 streams of
 * its own: many agents, one log.
 */
const concurrentWriters = (writers: number): BenchCase => {
  const perWriter = (config: BenchConfig) => perRound(config, CONCURRENT_APPENDS / writers, 5);
  return {
    id: `append-1-x${writers}`,
    title: `${writers} concurrent writers, 1 event per append`,
    describe: (config) =>
      `${rounds(config)}${writers} × ${perWriter(config)} appends, each writer on 25 streams of its own`,
    run: async (contender, context, config) => {
      const appends = perWriter(config);
      const write = (appendsEach: number, latencies: number[]) =>
        Promise.all(
          Array.from({ length: writers }, () =>
            appendRoundRobin(
              contender,
              context,
              newStreams(25),
              appendsEach,
              1,
              latencies,
            ),
          ),
        );
      await write(Math.max(2, Math.round(appends / 10)), []);
      const latencies: number[] = [];
      const start = process.hrtime.bigint();
      await write(appends, latencies);
      return {
        events: writers * appends,
        totalMs: elapsedMs(start),
        latenciesMs: latencies,
      };
    },
  };
};

/** The case ids of the writer counts the targets name (issue 14). */
export const CONCURRENT_WRITER_COUNTS = [8, 32, 128] as const;

const LONG_STREAM = 1000;
const readLongStream: BenchCase = {
  id: 'read-stream-1000',
  title: `read a ${LONG_STREAM}-event stream`,
  describe: (config) => `${rounds(config)}${perRound(config, 50, 3)} reads`,
  run: async (contender, context, config) => {
    const stream = newStreams(1);
    // Seeded in batches of 100: the stream is the subject here, not how it was written.
    await appendRoundRobin(contender, context, stream, LONG_STREAM / 100, 100);
    const read = async () => {
      const count = await contender.readStream(stream[0].id);
      if (count !== LONG_STREAM)
        throw new Error(
          `${contender.name} read ${count} events, expected ${LONG_STREAM}`,
        );
    };
    for (let warmUp = 0; warmUp < 3; warmUp++) await read();
    const reads = perRound(config, 50, 3);
    const latencies: number[] = [];
    const start = process.hrtime.bigint();
    for (let index = 0; index < reads; index++) await timed(latencies, read);
    return {
      events: reads * LONG_STREAM,
      totalMs: elapsedMs(start),
      latenciesMs: latencies,
    };
  },
};

const PAGE_SIZE = 500;
const WARM_UP_PAGES = 10;
const readWholeLog: BenchCase = {
  id: 'read-all',
  title: `readAll, pages of ${PAGE_SIZE}`,
  describe: (config) =>
    `${rounds(config)}1 pass over the whole log (all events written so far)`,
  run: async (contender, context) => {
    const readPages = async (latencies: number[], maxPages = Infinity) => {
      let position = -1;
      let total = 0;
      for (let pages = 0; pages < maxPages; pages++) {
        const page = await timed(latencies, () =>
          contender.readAllPage(position, PAGE_SIZE),
        );
        if (page.count === 0) break;
        total += page.count;
        position = page.lastPosition;
      }
      return total;
    };
    await readPages([], WARM_UP_PAGES);
    const latencies: number[] = [];
    const start = process.hrtime.bigint();
    const total = await readPages(latencies);
    const totalMs = elapsedMs(start);
    // Reported, not thrown: a store whose paging re-reads or skips events still gets its speed measured.
    const notes =
      total === context.written
        ? []
        : [`read ${total} events from a log of ${context.written}`];
    return { events: total, totalMs, latenciesMs: latencies, notes };
  },
};

/** In order: the last case reads everything the others wrote. */
export const EVENT_STORE_CASES: readonly BenchCase[] = [
  singleAppends,
  batchedAppends,
  ...CONCURRENT_WRITER_COUNTS.map(concurrentWriters),
  readLongStream,
  readWholeLog,
];
