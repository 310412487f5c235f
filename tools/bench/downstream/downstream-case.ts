import type { BenchConfig } from '../shared/config';
import type { TargetOutcome } from '../shared/target-summary';

/** One case of the `downstream` part: runs and prints its table; `result` goes into `downstream.json` under its name. */
export interface DownstreamCase {
  name: string;
  run(config: BenchConfig): Promise<{ result: unknown; targets: TargetOutcome[] }>;
}
