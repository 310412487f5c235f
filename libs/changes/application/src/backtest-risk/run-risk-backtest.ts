import type { ChangeOutcome, ChangeRiskAnswers, ChangeRiskFacts, RiskLevel } from '@itsm/contracts';
import { backtestRisk, type BacktestReport, type PastChange, type RiskPolicy } from '@itsm/changes-domain';

/** A past change as the risk history holds it (`change_risk_history`, or folded from the log by the CLI). */
export interface AssessedChange {
  changeId: string;
  number: string;
  recordedLevel: RiskLevel | null;
  recordedPolicyVersion: string | null;
  /** Null for an assessment that did not record what it read: it cannot be replayed. */
  facts: ChangeRiskFacts | null;
  answers: ChangeRiskAnswers | null;
  outcome: ChangeOutcome | null;
  causedIncidents: number;
}

export const NOT_RECORDED_REASON = 'its assessment did not record the facts and answers it read';

export interface RiskBacktestOptions {
  /** After each change replayed, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Back-tests a candidate policy (checked by `parseRiskPolicy`, whose `RiskPolicyInvalid` lists every problem: the API's
 * 400, the CLI's message) on the assessed changes with `backtestRisk`. Changes whose assessment recorded no facts go to
 * `notReplayed`, counted nowhere else.
 */
export const runRiskBacktest = (candidate: RiskPolicy, history: readonly AssessedChange[], options: RiskBacktestOptions = {}): BacktestReport => {
  const replayable: PastChange[] = [];
  const notRecorded: BacktestReport['notReplayed'] = [];
  for (const change of history) {
    if (change.recordedLevel === null || change.recordedPolicyVersion === null) continue;
    if (change.facts === null || change.answers === null) {
      notRecorded.push({ changeId: change.changeId, number: change.number, reason: NOT_RECORDED_REASON });
      continue;
    }
    replayable.push({
      changeId: change.changeId,
      number: change.number,
      facts: change.facts,
      answers: change.answers,
      recordedLevel: change.recordedLevel,
      recordedPolicyVersion: change.recordedPolicyVersion,
      outcome: change.outcome,
      causedIncidents: change.causedIncidents,
    });
  }
  const report = backtestRisk(replayable, candidate, options);
  return { ...report, notReplayed: [...notRecorded, ...report.notReplayed].sort((a, b) => a.number.localeCompare(b.number)) };
};
