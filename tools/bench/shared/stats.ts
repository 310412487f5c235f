/** What one measured run of a case recorded. */
export interface Sample {
  events: number;
  totalMs: number;
  /** One entry per operation (append, read, page). */
  latenciesMs: number[];
  /** Something the contender got wrong while being measured (e.g. read a different number of events). */
  notes?: string[];
}

/** Timing of one case for one contender, over all its rounds. */
export interface Measurement {
  events: number;
  ops: number;
  totalMs: number;
  /** Median of the rounds' events/s: one round hit by a stall of a shared machine does not decide. */
  eventsPerSec: number;
  /** All events over all rounds' time. */
  pooledEventsPerSec: number;
  msPerOp: { mean: number; p50: number; p99: number };
  /** events/s of each round, to show how steady the machine was. */
  eventsPerSecByRound: number[];
  notes: string[];
}

/** Nearest-rank percentile of already sorted samples. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : sorted[
        Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
      ];

const perSecond = (events: number, ms: number): number =>
  Math.round((events / ms) * 1000);

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Sums up the rounds: median and pooled rates, percentiles over every operation. */
export const summarize = (samples: readonly Sample[]): Measurement => {
  const events = samples.reduce((sum, sample) => sum + sample.events, 0);
  const totalMs = samples.reduce((sum, sample) => sum + sample.totalMs, 0);
  const sorted = samples
    .flatMap((sample) => sample.latenciesMs)
    .sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    events,
    ops: sorted.length,
    totalMs: round(totalMs),
    eventsPerSec: Math.round(
      median(samples.map((sample) => perSecond(sample.events, sample.totalMs))),
    ),
    pooledEventsPerSec: perSecond(events, totalMs),
    msPerOp: {
      mean: round(
        sorted.reduce((sum, value) => sum + value, 0) /
          Math.max(1, sorted.length),
      ),
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
    },
    eventsPerSecByRound: samples.map((sample) =>
      perSecond(sample.events, sample.totalMs),
    ),
    notes: [...new Set(samples.flatMap((sample) => sample.notes ?? []))],
  };
};

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export const elapsedMs = (start: bigint): number =>
  Number(process.hrtime.bigint() - start) / 1e6;

/** Runs `op` and records how long it took. */
export const timed = async <T>(
  latencies: number[],
  op: () => Promise<T>,
): Promise<T> => {
  const start = process.hrtime.bigint();
  const result = await op();
  latencies.push(elapsedMs(start));
  return result;
};
