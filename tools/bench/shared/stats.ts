/** Timing of one measured case for one contender. */
export interface Measurement {
  events: number;
  ops: number;
  totalMs: number;
  eventsPerSec: number;
  msPerOp: { mean: number; p50: number; p99: number };
}

/** Nearest-rank percentile of already sorted samples. */
const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const summarize = (events: number, totalMs: number, opLatenciesMs: readonly number[]): Measurement => {
  const sorted = [...opLatenciesMs].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    events,
    ops: sorted.length,
    totalMs: round(totalMs),
    eventsPerSec: Math.round((events / totalMs) * 1000),
    msPerOp: {
      mean: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
    },
  };
};

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Runs `op` and records how long it took. */
export const timed = async <T>(latencies: number[], op: () => Promise<T>): Promise<T> => {
  const start = process.hrtime.bigint();
  const result = await op();
  latencies.push(elapsedMs(start));
  return result;
};
