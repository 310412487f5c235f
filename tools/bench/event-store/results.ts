import type { Measurement } from '../shared/stats';

/** One contender's outcome in one case. */
export type CellResult =
  | { measurement: Measurement }
  | { skipped: string }
  | { error: string };

export interface CaseResult {
  id: string;
  title: string;
  sizes: string;
  results: Record<string, CellResult>;
}

/** Every case on one target (postgres, pglite), as printed and written to JSON. */
export interface TargetResult {
  target: string;
  /** Rounds pooled into each measurement. */
  rounds: number;
  contenders: string[];
  cases: CaseResult[];
}
