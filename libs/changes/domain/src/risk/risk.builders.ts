import type { PastChange } from './backtest-risk';
import { DEFAULT_RISK_POLICY } from './default-risk-policy';
import type { QuestionnaireAnswers, RiskFacts } from './risk-facts';
import type { RiskPolicy, RiskRule } from './risk-policy';

/** A quiet change: no rule of the default policy fires. Each test names only the fact it is about. */
export const facts = (overrides: Partial<RiskFacts> = {}): RiskFacts => ({
  changeType: 'normal',
  serviceCriticalities: ['low'],
  dependentServiceCount: 0,
  expectedOutageMinutes: 0,
  outsideMaintenanceWindow: false,
  implementerRecentFailureRate: { failed: 0, total: 0 },
  ...overrides,
});

/** The best answer to every default question: the questionnaire scores 0. */
export const answers = (overrides: Record<string, string> = {}): QuestionnaireAnswers => ({
  tested: 'fully',
  rollback: 'tested',
  'done-before': 'many-times',
  'user-visible': 'no',
  downtime: 'none',
  vendor: 'no',
  ...overrides,
});

/** The worst answer to every default question: the questionnaire scores 26. */
export const worstAnswers = (): QuestionnaireAnswers =>
  Object.fromEntries(DEFAULT_RISK_POLICY.questionnaire.questions.map((q) => [q.id, q.answers[q.answers.length - 1].id]));

export const policyWith = (changes: { version?: string; rules?: RiskRule[] } = {}): RiskPolicy => ({ ...DEFAULT_RISK_POLICY, ...changes });

let sequence = 0;
export const pastChange = (overrides: Partial<PastChange> = {}): PastChange => {
  sequence += 1;
  return {
    changeId: `change-${sequence}`,
    number: `CHG${String(sequence).padStart(7, '0')}`,
    facts: facts(),
    answers: answers(),
    recordedLevel: 'low',
    recordedPolicyVersion: DEFAULT_RISK_POLICY.version,
    outcome: 'successful',
    causedIncidents: 0,
    ...overrides,
  };
};

/** A deep copy made through JSON, as a policy file would arrive. */
export const asJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
