import { assessRisk } from './assess-risk';
import { backtestRisk, type PastChange } from './backtest-risk';
import { DEFAULT_RISK_POLICY } from './default-risk-policy';
import type { RiskPolicy } from './risk-policy';
import { answers, facts, pastChange, policyWith } from './risk.builders';

/** The default policy with the critical-service rule raised to very-high. */
const raisedCritical: RiskPolicy = policyWith({
  version: 'candidate-critical',
  rules: DEFAULT_RISK_POLICY.rules.map((r) => (r.id === 'critical-service' ? { ...r, level: 'very-high' } : r)),
});

/** Six past changes assessed under the default policy, with how they turned out. */
const history = (): PastChange[] => [
  pastChange({ number: 'CHG0000001', facts: facts({ serviceCriticalities: ['critical'] }), recordedLevel: 'high', outcome: 'failed', causedIncidents: 2 }),
  pastChange({ number: 'CHG0000002', facts: facts({ serviceCriticalities: ['medium', 'critical'] }), recordedLevel: 'high', outcome: 'successful' }),
  pastChange({ number: 'CHG0000003', facts: facts({ serviceCriticalities: ['high'] }), recordedLevel: 'moderate', outcome: 'backed-out' }),
  pastChange({ number: 'CHG0000004', recordedLevel: 'low', outcome: 'successful' }),
  pastChange({ number: 'CHG0000005', recordedLevel: 'low', outcome: null }),
  pastChange({ number: 'CHG0000006', facts: facts({ changeType: 'emergency' }), recordedLevel: 'high', outcome: 'successful-with-issues', causedIncidents: 1 }),
];

describe('Back-testing a candidate risk policy', () => {
  describe('given a candidate that raises the critical-service rule to very-high', () => {
    const report = backtestRisk(history(), raisedCritical);

    it('moves exactly the changes on a critical service, from high to very-high', () => {
      expect(report).toMatchObject({ candidateVersion: 'candidate-critical', changesReplayed: 6, changedLevel: 2 });
      expect(report.moves).toEqual({
        low: { low: 2, moderate: 0, high: 0, 'very-high': 0 },
        moderate: { low: 0, moderate: 1, high: 0, 'very-high': 0 },
        high: { low: 0, moderate: 0, high: 1, 'very-high': 2 },
        'very-high': { low: 0, moderate: 0, high: 0, 'very-high': 0 },
      });
    });

    it('gives the moved changes as examples, with the rules that fired under the candidate', () => {
      expect(report.examples.map(({ number, from, to }) => ({ number, from, to }))).toEqual([
        { number: 'CHG0000001', from: 'high', to: 'very-high' },
        { number: 'CHG0000002', from: 'high', to: 'very-high' },
      ]);
      expect(report.examples[1].firedRules).toContainEqual({ rule: 'critical-service', level: 'very-high', reason: 'The most critical of 2 services is critical (≥ critical)' });
    });

    it('tells how the changes of each candidate level turned out', () => {
      expect(report.byCandidateLevel['very-high']).toEqual({
        changes: 2,
        outcomes: { successful: 1, 'successful-with-issues': 0, failed: 1, 'backed-out': 0, notCompleted: 0 },
        failureRate: { numerator: 1, denominator: 2 },
        causedIncidents: 2,
      });
      expect(report.byCandidateLevel.high).toMatchObject({ changes: 1, failureRate: { numerator: 0, denominator: 1 }, causedIncidents: 1 });
      expect(report.byCandidateLevel.moderate).toMatchObject({ changes: 1, failureRate: { numerator: 1, denominator: 1 } });
    });

    it('leaves not-completed changes out of the failure rate', () => {
      expect(report.byCandidateLevel.low).toEqual({
        changes: 2,
        outcomes: { successful: 1, 'successful-with-issues': 0, failed: 0, 'backed-out': 0, notCompleted: 1 },
        failureRate: { numerator: 0, denominator: 1 },
        causedIncidents: 0,
      });
    });

    it('tells the same by recorded level, for comparison', () => {
      expect(report.byRecordedLevel.high).toMatchObject({ changes: 3, failureRate: { numerator: 1, denominator: 3 }, causedIncidents: 3 });
      expect(report.byRecordedLevel['very-high'].changes).toBe(0);
    });

    it('counts the policy versions the changes were recorded under', () => {
      expect(report.recordedPolicyVersions).toEqual({ '2026-12.1': 6 });
    });
  });

  it('moves changes down too, when the candidate drops a rule', () => {
    const withoutEmergency = policyWith({ version: 'no-emergency-rule', rules: DEFAULT_RISK_POLICY.rules.filter((r) => r.id !== 'emergency-change') });
    const report = backtestRisk(history(), withoutEmergency);
    expect(report.changedLevel).toBe(1);
    expect(report.examples).toEqual([{ changeId: expect.any(String), number: 'CHG0000006', from: 'high', to: 'low', firedRules: [] }]);
  });

  it('keeps at most 10 examples, the first in the order given, while counting every move', () => {
    const moved = Array.from({ length: 12 }, (_, i) => pastChange({ number: `CHG10${i}`, facts: facts({ serviceCriticalities: ['critical'] }), recordedLevel: 'high' }));
    const report = backtestRisk(moved, raisedCritical);
    expect(report.changedLevel).toBe(12);
    expect(report.examples.map(({ number }) => number)).toEqual(moved.slice(0, 10).map(({ number }) => number));
  });

  it('reports progress after each change', () => {
    const onProgress = jest.fn();
    backtestRisk(history(), raisedCritical, { onProgress });
    expect(onProgress.mock.calls).toEqual([[1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [6, 6]]);
  });

  it('lists the changes a candidate cannot assess (a question they were never asked) and counts them nowhere else', () => {
    const withNewQuestion = policyWith({ version: 'new-question' });
    const candidate: RiskPolicy = {
      ...withNewQuestion,
      questionnaire: {
        ...withNewQuestion.questionnaire,
        questions: [...withNewQuestion.questionnaire.questions, { id: 'peer-reviewed', text: 'Was the plan peer-reviewed?', weight: 1, answers: [{ id: 'yes', text: 'Yes', score: 0 }] }],
      },
    };
    const changes = [pastChange({ number: 'CHG0000100' }), pastChange({ number: 'CHG0000101', answers: { ...answers(), 'peer-reviewed': 'yes' } })];
    const report = backtestRisk(changes, candidate);
    expect(report.changesReplayed).toBe(1);
    expect(report.notReplayed).toEqual([{ changeId: changes[0].changeId, number: 'CHG0000100', reason: 'The risk questionnaire is incomplete: no answer to "peer-reviewed"' }]);
    expect(report.byRecordedLevel.low.changes).toBe(1);
  });

  it('reports nothing changed when the candidate is the policy the levels were recorded under', () => {
    const recorded = history().map((change) => ({ ...change, recordedLevel: assessRisk(change.facts, change.answers, DEFAULT_RISK_POLICY).level }));
    expect(backtestRisk(recorded, DEFAULT_RISK_POLICY)).toMatchObject({ changesReplayed: 6, changedLevel: 0, examples: [] });
  });

  it('replays an empty history', () => {
    expect(backtestRisk([], DEFAULT_RISK_POLICY)).toMatchObject({ changesReplayed: 0, changedLevel: 0, notReplayed: [] });
  });
});
