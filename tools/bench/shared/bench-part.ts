import type { BenchConfig } from './config';

/** One `npm run bench` part (event store, relay, HTTP API…): runs its cases, prints its tables, writes its JSON. */
export interface BenchPart {
  name: string;
  run(config: BenchConfig): Promise<void>;
}
