import { DEFAULT_RISK_POLICY } from '@itsm/changes-domain';
import { NOT_RECORDED_REASON, runRiskBacktest, type AssessedChange } from './run-risk-backtest';

const facts = {
  changeType: 'normal' as const,
  serviceCriticalities: ['critical' as const],
  dependentServiceCount: 0,
  expectedOutageMinutes: 0,
  outsideMaintenanceWindow: false,
  implementerRecentFailureRate: { failed: 0, total: 0 },
};
const answers = { tested: 'fully', rollback: 'tested', 'done-before': 'many-times', 'user-visible': 'no', downtime: 'none', vendor: 'no' };
const change = (number: string, overrides: Partial<AssessedChange> = {}): AssessedChange => ({
  changeId: number.toLowerCase(),
  number,
  recordedLevel: 'high',
  recordedPolicyVersion: '2026-12.1',
  facts,
  answers,
  outcome: 'successful',
  causedIncidents: 0,
  ...overrides,
});

describe('runRiskBacktest', () => {
  it('replays the changes that recorded their facts and lists the others as not replayed, counted nowhere else', () => {
    const report = runRiskBacktest(DEFAULT_RISK_POLICY, [
      change('CHG0000003', { facts: null, answers: null }),
      change('CHG0000001'),
      change('CHG0000002', { recordedLevel: 'moderate', outcome: 'failed', causedIncidents: 2 }),
    ]);
    expect(report).toMatchObject({ changesReplayed: 2, changedLevel: 1, examples: [{ number: 'CHG0000002', from: 'moderate', to: 'high' }] });
    expect(report.notReplayed).toEqual([{ changeId: 'chg0000003', number: 'CHG0000003', reason: NOT_RECORDED_REASON }]);
    expect(report.byCandidateLevel.high).toMatchObject({ changes: 2, failureRate: { numerator: 1, denominator: 2 }, causedIncidents: 2 });
  });

  it('lists a change the candidate cannot assess (a question it was never asked) beside those without facts, by number', () => {
    const candidate = {
      ...DEFAULT_RISK_POLICY,
      questionnaire: { ...DEFAULT_RISK_POLICY.questionnaire, questions: [...DEFAULT_RISK_POLICY.questionnaire.questions, { id: 'new-question', text: 'New?', weight: 1, answers: [{ id: 'yes', text: 'Yes', score: 1 }] }] },
    };
    const report = runRiskBacktest(candidate, [change('CHG0000002'), change('CHG0000001', { facts: null })], { onProgress: () => undefined });
    expect(report.changesReplayed).toBe(0);
    expect(report.notReplayed.map(({ number, reason }) => [number, reason])).toEqual([
      ['CHG0000001', NOT_RECORDED_REASON],
      ['CHG0000002', expect.stringMatching(/questionnaire is incomplete: no answer to "new-question"/)],
    ]);
  });
});
