import type { BenchConfig } from '../shared/config';
import type { Measurement } from '../shared/stats';
import type { TargetVerdict } from '../shared/target-verdict';

/** One contender's figures in a downstream case. */
export interface DownstreamContenderResult {
  name: string;
  measurement: Measurement;
  /** What the cell shows under the rate (latencies, notes). */
  detail: string;
}

/** What a case reports: its contenders side by side, ours first, and the target. */
export interface DownstreamCaseResult {
  name: string;
  description: string;
  unit: string;
  contenders: DownstreamContenderResult[];
  /** ours ÷ baseline, when the case compares two contenders. */
  ratio: number | null;
  target: TargetVerdict;
  size: Record<string, number>;
}

/**
 * One case of the `downstream` part (webhook deliveries; SSE fan-out joins later): runs its contenders in the same
 * process and run, and answers its figures. The part runs every case of DOWNSTREAM_CASES in turn.
 */
export interface DownstreamCase {
  name: string;
  run(config: BenchConfig): Promise<DownstreamCaseResult>;
}
