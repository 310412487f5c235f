import { streamName } from '@itsm/event-sourcing';
import { elapsedMs } from '../shared/stats';
import type { LatencyPipeline } from './latency-pipelines';

export interface LatencyRun {
  /** Time of `appendToStream` until it resolved, ms. */
  appendMs: number[];
  /** From the call to `appendToStream` until the row was seen, ms. */
  visibleMs: number[];
  /** Samples whose row did not show within the timeout. */
  lost: number;
}

export interface LatencyRunOptions {
  samples: number;
  ratePerSec: number;
  /** A sample whose row is not visible after this long counts as lost. */
  timeoutMs: number;
  /** Numbers the events' payloads (INC numbers). */
  firstSequence: number;
}

/** Between two visibility queries of one sample: the resolution of the figure (timers fire ≥ 1 ms late). */
const POLL_MS = 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One sample: append to a new stream, then query for its row right away and every POLL_MS until it is there. */
const sampleOnce = async (
  pipeline: LatencyPipeline,
  sequence: number,
  timeoutMs: number,
): Promise<{ appendMs: number; visibleMs: number } | null> => {
  const streamId = streamName('incident');
  const start = process.hrtime.bigint();
  await pipeline.append(streamId, sequence);
  const appendMs = elapsedMs(start);
  while (!(await pipeline.isVisible(streamId))) {
    if (elapsedMs(start) > timeoutMs) return null;
    await sleep(POLL_MS);
  }
  return { appendMs, visibleMs: elapsedMs(start) };
};

/**
 * Appends one event at a time at a steady rate (an open loop: a slow sample does not delay the next append, so
 * queueing shows in the figures) and waits for every sample's row.
 */
export const measureLatency = async (
  pipeline: LatencyPipeline,
  { samples, ratePerSec, timeoutMs, firstSequence }: LatencyRunOptions,
): Promise<LatencyRun> => {
  const intervalMs = 1000 / ratePerSec;
  const start = process.hrtime.bigint();
  const pending: Promise<{ appendMs: number; visibleMs: number } | null>[] = [];
  for (let index = 0; index < samples; index++) {
    const wait = index * intervalMs - elapsedMs(start);
    if (wait > 0) await sleep(wait);
    pending.push(sampleOnce(pipeline, firstSequence + index, timeoutMs));
  }
  const results = await Promise.all(pending);
  const seen = results.filter((result) => result !== null);
  return {
    appendMs: seen.map(({ appendMs }) => appendMs),
    visibleMs: seen.map(({ visibleMs }) => visibleMs),
    lost: results.length - seen.length,
  };
};
