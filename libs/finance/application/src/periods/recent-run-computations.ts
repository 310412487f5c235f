import { Injectable } from '@nestjs/common';
import type { PeriodRunV1 } from '@itsm/contracts';
import type { PeriodComputation } from '@itsm/finance-domain';

/** Periods whose latest computation is kept (a host runs and publishes a few months at a time). */
const KEPT_PERIODS = 12;

/**
 * The computation of the latest run of each period that ran in this process, so that publishing it — the next call,
 * usually — does not read the log and compute it all again, nor does running it again on the same inputs. A computation is recalled only for the very run it
 * belongs to (number and log position); a publish after a newer run, or in another process, computes again from
 * what the run recorded (`recomputeRun`), which gives the same statements by construction, and the period's decider
 * checks them against the run either way.
 */
@Injectable()
export class RecentRunComputations {
  private readonly byPeriod = new Map<string, { runNumber: number; logPosition: number; fingerprint: string; result: PeriodComputation }>();

  /** `fingerprint`: of the inputs it was computed from (`ReadPeriodInputs`). */
  remember(run: Pick<PeriodRunV1, 'period' | 'runNumber' | 'inputs'>, result: PeriodComputation, fingerprint: string): void {
    this.byPeriod.delete(run.period);
    this.byPeriod.set(run.period, { runNumber: run.runNumber, logPosition: run.inputs.logPosition, fingerprint, result });
    if (this.byPeriod.size > KEPT_PERIODS) this.byPeriod.delete(this.byPeriod.keys().next().value as string);
  }

  recall(run: Pick<PeriodRunV1, 'period' | 'runNumber' | 'inputs'>): PeriodComputation | undefined {
    const kept = this.byPeriod.get(run.period);
    return kept !== undefined && kept.runNumber === run.runNumber && kept.logPosition === run.inputs.logPosition ? kept.result : undefined;
  }

  /**
   * The period's latest computation when it was computed from inputs with this fingerprint: a run of an open period
   * whose inputs did not change since (the log moved on by other streams' events, or by the run itself) computes the
   * same, so it takes this one.
   */
  computedFrom(period: string, fingerprint: string): PeriodComputation | undefined {
    const kept = this.byPeriod.get(period);
    return kept?.fingerprint === fingerprint ? kept.result : undefined;
  }
}
