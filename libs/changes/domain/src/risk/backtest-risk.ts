import type { ChangeOutcome } from '@itsm/contracts';
import { assessRisk, type FiredRule } from './assess-risk';
import { RiskAnswerUnknown, RiskQuestionnaireIncomplete } from './risk-errors';
import type { QuestionnaireAnswers, RiskFacts } from './risk-facts';
import { RISK_LEVELS, type RiskLevel } from './risk-level';
import type { RiskPolicy } from './risk-policy';

export { CHANGE_OUTCOMES, type ChangeOutcome } from '@itsm/contracts';

/** A past change as it was assessed, and how it turned out. */
export interface PastChange {
  readonly changeId: string;
  readonly number: string;
  readonly facts: RiskFacts;
  readonly answers: QuestionnaireAnswers;
  readonly recordedLevel: RiskLevel;
  readonly recordedPolicyVersion: string;
  /** null while the change is not completed. */
  readonly outcome: ChangeOutcome | null;
  readonly causedIncidents: number;
}

export interface LevelOutcomes {
  changes: number;
  outcomes: Record<ChangeOutcome | 'notCompleted', number>;
  /** Failed and backed-out changes over completed ones: a fraction, so that 0 of 0 is not mistaken for 0%. */
  failureRate: { numerator: number; denominator: number };
  causedIncidents: number;
}

export interface BacktestExample {
  readonly changeId: string;
  readonly number: string;
  readonly from: RiskLevel;
  readonly to: RiskLevel;
  readonly firedRules: FiredRule[];
}

export interface BacktestReport {
  readonly candidateVersion: string;
  readonly changesReplayed: number;
  /** How many replayed changes the candidate puts at another level than the one recorded. */
  readonly changedLevel: number;
  /** moves[recorded][candidate]: how many changes go from one level to the other (the diagonal stays). */
  readonly moves: Record<RiskLevel, Record<RiskLevel, number>>;
  readonly byCandidateLevel: Record<RiskLevel, LevelOutcomes>;
  readonly byRecordedLevel: Record<RiskLevel, LevelOutcomes>;
  /** The first changes, in the order given, whose level would change. */
  readonly examples: BacktestExample[];
  /** Which policy versions the replayed changes were recorded under, with counts. */
  readonly recordedPolicyVersions: Record<string, number>;
  /** Changes the candidate cannot assess (its questionnaire asks what they were never asked); counted nowhere else. */
  readonly notReplayed: { changeId: string; number: string; reason: string }[];
}

export interface BacktestOptions {
  /** Called after each change, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

export const MAX_BACKTEST_EXAMPLES = 10;

/** Replays past changes under a candidate policy: how many would change level, and how each level's changes turned out. */
export const backtestRisk = (pastChanges: readonly PastChange[], candidate: RiskPolicy, options: BacktestOptions = {}): BacktestReport => {
  const moves = perLevel(() => perLevel(() => 0));
  const byCandidateLevel = perLevel(noOutcomes);
  const byRecordedLevel = perLevel(noOutcomes);
  const examples: BacktestExample[] = [];
  const recordedPolicyVersions: Record<string, number> = {};
  const notReplayed: BacktestReport['notReplayed'] = [];
  let changesReplayed = 0;
  let changedLevel = 0;

  pastChanges.forEach((change, index) => {
    const assessment = tryAssess(change, candidate);
    if (typeof assessment === 'string') {
      notReplayed.push({ changeId: change.changeId, number: change.number, reason: assessment });
    } else {
      changesReplayed += 1;
      const from = change.recordedLevel;
      const to = assessment.level;
      moves[from][to] += 1;
      count(byCandidateLevel[to], change);
      count(byRecordedLevel[from], change);
      recordedPolicyVersions[change.recordedPolicyVersion] = (recordedPolicyVersions[change.recordedPolicyVersion] ?? 0) + 1;
      if (from !== to) {
        changedLevel += 1;
        if (examples.length < MAX_BACKTEST_EXAMPLES) examples.push({ changeId: change.changeId, number: change.number, from, to, firedRules: assessment.firedRules });
      }
    }
    options.onProgress?.(index + 1, pastChanges.length);
  });

  return { candidateVersion: candidate.version, changesReplayed, changedLevel, moves, byCandidateLevel, byRecordedLevel, examples, recordedPolicyVersions, notReplayed };
};

/** The assessment, or why the candidate cannot make one; any other error is a bug and propagates. */
const tryAssess = (change: PastChange, candidate: RiskPolicy) => {
  try {
    return assessRisk(change.facts, change.answers, candidate);
  } catch (error) {
    if (error instanceof RiskQuestionnaireIncomplete || error instanceof RiskAnswerUnknown) return error.message;
    throw error;
  }
};

const perLevel = <T>(make: () => T): Record<RiskLevel, T> =>
  Object.fromEntries(RISK_LEVELS.map((level) => [level, make()])) as Record<RiskLevel, T>;

const noOutcomes = (): LevelOutcomes => ({
  changes: 0,
  outcomes: { successful: 0, 'successful-with-issues': 0, failed: 0, 'backed-out': 0, notCompleted: 0 },
  failureRate: { numerator: 0, denominator: 0 },
  causedIncidents: 0,
});

const count = (level: LevelOutcomes, change: PastChange): void => {
  level.changes += 1;
  level.causedIncidents += change.causedIncidents;
  if (change.outcome === null) {
    level.outcomes.notCompleted += 1;
    return;
  }
  level.outcomes[change.outcome] += 1;
  level.failureRate.denominator += 1;
  if (change.outcome === 'failed' || change.outcome === 'backed-out') level.failureRate.numerator += 1;
};
