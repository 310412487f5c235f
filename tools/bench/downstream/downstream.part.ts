import type { BenchPart } from '../shared/bench-part';
import type { BenchConfig } from '../shared/config';
import { progress, writeJsonResult } from '../shared/report';
import type { TargetOutcome } from '../shared/target-summary';
import type { DownstreamCase } from './downstream-case';

export type { DownstreamCase } from './downstream-case';
import { sseFanoutCase } from './sse-fanout.case';

/** The part's cases, in run order (webhook deliveries join here). */
export const DOWNSTREAM_CASES: readonly DownstreamCase[] = [sseFanoutCase];

const run = async (config: BenchConfig): Promise<TargetOutcome[]> => {
  const results: Record<string, unknown> = {};
  const targets: TargetOutcome[] = [];
  for (const downstreamCase of DOWNSTREAM_CASES) {
    progress(` downstream: ${downstreamCase.name}`);
    const outcome = await downstreamCase.run(config);
    results[downstreamCase.name] = outcome.result;
    targets.push(...outcome.targets);
  }
  progress(` wrote ${await writeJsonResult(config.resultsDir, 'downstream', results)}`);
  return targets;
};

/** Issue 13's bench part `downstream`: what systems outside the platform get, and how fast. */
export const downstreamPart: BenchPart = { name: 'downstream', run };
