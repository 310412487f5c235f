import type { PeriodState } from '@itsm/finance-domain';

/** Periods whose state is kept (a host runs, publishes and closes a few months at a time). */
const KEPT_PERIODS = 12;

export interface KeptPeriod {
  state: PeriodState;
  revision: number;
}

/**
 * Each period's state as this process last wrote it, so that the next command on it (publish after run, close after
 * publish) does not read and fold the whole stream again: every run with its inputs, the statements with their tens
 * of thousands of lines. A kept state may have been overtaken by another process; the append that follows names its
 * revision, so that command fails with WrongExpectedRevisionError and the caller drops it (`forget`) and reads.
 */
export class RecentPeriodStates {
  private readonly byPeriod = new Map<string, KeptPeriod>();

  remember(period: string, kept: KeptPeriod): void {
    this.byPeriod.delete(period);
    this.byPeriod.set(period, kept);
    if (this.byPeriod.size > KEPT_PERIODS) this.byPeriod.delete(this.byPeriod.keys().next().value as string);
  }

  recall(period: string): KeptPeriod | undefined {
    return this.byPeriod.get(period);
  }

  forget(period: string): void {
    this.byPeriod.delete(period);
  }
}
