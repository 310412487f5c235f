import type { BenchPart } from '../shared/bench-part';
import type { BenchConfig } from '../shared/config';
import { progress, writeJsonResult } from '../shared/report';
import { sseFanoutCase } from './sse-fanout.case';

/** One case of the part: runs and prints its table; what it returns goes into `downstream.json` under its name. */
export interface DownstreamCase {
  name: string;
  run(config: BenchConfig): Promise<unknown>;
}

/** The part's cases, in run order (webhook deliveries join here). */
export const DOWNSTREAM_CASES: readonly DownstreamCase[] = [sseFanoutCase];

const run = async (config: BenchConfig): Promise<void> => {
  const results: Record<string, unknown> = {};
  for (const downstreamCase of DOWNSTREAM_CASES) {
    progress(` downstream: ${downstreamCase.name}`);
    const result = await downstreamCase.run(config);
    results[downstreamCase.name] = result;
  }
  progress(` wrote ${await writeJsonResult(config.resultsDir, 'downstream', results)}`);
};

/** Issue 13's bench part `downstream`: what systems outside the platform get, and how fast. */
export const downstreamPart: BenchPart = { name: 'downstream', run };
