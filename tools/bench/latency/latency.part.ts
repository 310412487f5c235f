import { cpus } from 'node:os';
import type { BenchPart } from '../shared/bench-part';
import { selectedLogTargets } from '../shared/bench-log';
import { scaled, type BenchConfig } from '../shared/config';
import { formatMs, progress, writeJsonResult } from '../shared/report';
import { percentile } from '../shared/stats';
import { targetOutcome } from '../shared/target-summary';
import { verdict } from '../shared/target-verdict';
import { latencyPipelines, type PipelineSpec } from './latency-pipelines';
import {
  printLatencyTable,
  type LatencyFigures,
  type PipelineResult,
} from './latency.table';
import { measureLatency } from './measure-latency';

/** A steady, modest write rate: latency, not throughput, is measured. */
const RATE_PER_SEC = 40;
/** Unmeasured samples first: connections, prepared statements, consumer fetch loop. */
const WARM_UP_SAMPLES = 20;
const SAMPLE_TIMEOUT_MS = 10_000;
/** The first warm-up sample also waits for the consumer group to join and the relay to take its lease. */
const FIRST_SAMPLE_TIMEOUT_MS = 60_000;

const figuresOf = (values: readonly number[]): LatencyFigures => {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
};

const runPipeline = async (
  spec: PipelineSpec,
  config: BenchConfig,
): Promise<PipelineResult> => {
  const name = spec.title.split('\n')[0];
  const samples = scaled(config, 300, 50);
  const pipeline = await spec.open(config);
  try {
    const first = await measureLatency(pipeline, {
      samples: 1,
      ratePerSec: RATE_PER_SEC,
      timeoutMs: FIRST_SAMPLE_TIMEOUT_MS,
      firstSequence: 0,
    });
    if (first.lost)
      throw new Error(`${name}: the first row never became visible`);
    await measureLatency(pipeline, {
      samples: WARM_UP_SAMPLES,
      ratePerSec: RATE_PER_SEC,
      timeoutMs: SAMPLE_TIMEOUT_MS,
      firstSequence: 1,
    });
    const run = await measureLatency(pipeline, {
      samples,
      ratePerSec: RATE_PER_SEC,
      timeoutMs: SAMPLE_TIMEOUT_MS,
      firstSequence: 1 + WARM_UP_SAMPLES,
    });
    const visible = figuresOf(run.visibleMs);
    const met = run.lost === 0 && visible.p99 < spec.targetMs;
    const result: PipelineResult = {
      id: spec.id,
      title: spec.title,
      samples,
      ratePerSec: RATE_PER_SEC,
      lost: run.lost,
      visible,
      append: figuresOf(run.appendMs),
      targetMs: spec.targetMs,
      budgetUsed: visible.p99 / spec.targetMs,
      verdict: verdict(`p99 < ${spec.targetMs} ms`, met),
    };
    progress(
      `[latency] ${name}: p50 ${formatMs(visible.p50)} · p95 ${formatMs(visible.p95)} · p99 ${formatMs(visible.p99)} ms over ${samples} samples${run.lost ? ` (${run.lost} lost)` : ''}`,
    );
    return result;
  } finally {
    await pipeline.close();
  }
};

export const latencyPart: BenchPart = {
  name: 'latency',
  async run(config) {
    const results: PipelineResult[] = [];
    for (const spec of latencyPipelines(selectedLogTargets(config)))
      results.push(await runPipeline(spec, config));
    printLatencyTable(results);
    const path = await writeJsonResult(config.resultsDir, 'latency', {
      part: 'latency',
      finishedAt: new Date().toISOString(),
      scale: config.scale,
      machine: { cpus: cpus().length, node: process.version },
      visibilityDetection:
        'a separate connection (PGlite: the shared instance) queries the stream_heads row right after the append resolves, then every 1 ms',
      pipelines: results,
    });
    progress(`latency results written to ${path}`);
    return results.map((result) =>
      targetOutcome(
        'latency',
        `append → visible p99: ${result.title.split('\n')[0]}`,
        {
          value: `p99 ${formatMs(result.visible.p99)} ms`,
          amount: result.visible.p99,
          ratio: result.budgetUsed,
        },
        result.verdict,
      ),
    );
  },
};
