import type { PeriodLogInputs } from './period-log-inputs';

/** Periods whose log inputs are kept (a host runs a few months at a time). */
const KEPT_PERIODS = 12;

/**
 * Each period's inputs from the log as this process last read them, up to the position it read to, so that running
 * the period again reads only the events after that position (the log is append-only: what was read up to a position
 * stays what a read up to it gives). A read up to an earlier position (a replay, a recomputed run) reads from the
 * start.
 */
export class RecentPeriodLogs {
  private readonly byPeriod = new Map<string, PeriodLogInputs>();

  remember(period: string, inputs: PeriodLogInputs): void {
    const known = this.byPeriod.get(period);
    if (known !== undefined && known.position > inputs.position) return;
    this.byPeriod.delete(period);
    this.byPeriod.set(period, inputs);
    if (this.byPeriod.size > KEPT_PERIODS) this.byPeriod.delete(this.byPeriod.keys().next().value as string);
  }

  /** What was read of the period up to a position no later than `upTo`, to read on from (a copy of it). */
  recall(period: string, upTo: number): PeriodLogInputs | undefined {
    const kept = this.byPeriod.get(period);
    return kept !== undefined && kept.position <= upTo ? kept.copy() : undefined;
  }
}
