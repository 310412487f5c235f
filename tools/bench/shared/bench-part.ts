import type { BenchConfig } from './config';
import type { TargetOutcome } from './target-summary';

/**
 * One `npm run bench` part (event store, relay, HTTP API…): runs its cases, prints its tables, writes its JSON,
 * and returns the issue targets it measured (none: an empty list) for the summary table that ends the run.
 */
export interface BenchPart {
  name: string;
  run(config: BenchConfig): Promise<readonly TargetOutcome[]>;
}
