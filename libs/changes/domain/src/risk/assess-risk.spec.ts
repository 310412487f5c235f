import { RuleViolation } from '@itsm/event-sourcing';
import { assessRisk } from './assess-risk';
import { DEFAULT_RISK_POLICY } from './default-risk-policy';
import { RiskAnswerUnknown, RiskQuestionnaireIncomplete } from './risk-errors';
import type { RiskFacts } from './risk-facts';
import type { RiskLevel } from './risk-level';
import { answers, facts, policyWith, worstAnswers } from './risk.builders';

const assess = (given: Partial<RiskFacts>, answered = answers()) => assessRisk(facts(given), answered, DEFAULT_RISK_POLICY);
const fired = (given: Partial<RiskFacts>) => assess(given).firedRules.map(({ rule }) => rule);

describe('Risk assessment under the default policy', () => {
  it('gives low to a quiet change with the best answers, and fires no rule', () => {
    const assessment = assess({});
    expect(assessment).toMatchObject({ level: 'low', ruleLevel: 'low', questionnaireLevel: 'low', firedRules: [], questionnaireScore: 0 });
  });

  describe('each rule fires at its threshold and not below', () => {
    it.each<[string, Partial<RiskFacts>, Partial<RiskFacts>, RiskLevel]>([
      ['critical-service', { serviceCriticalities: ['critical'] }, { serviceCriticalities: ['high'] }, 'high'],
      ['high-criticality-service', { serviceCriticalities: ['high'] }, { serviceCriticalities: ['medium'] }, 'moderate'],
      ['very-wide-impact', { dependentServiceCount: 25 }, { dependentServiceCount: 24 }, 'very-high'],
      ['wide-impact', { dependentServiceCount: 10 }, { dependentServiceCount: 9 }, 'high'],
      ['some-impact', { dependentServiceCount: 3 }, { dependentServiceCount: 2 }, 'moderate'],
      ['very-long-outage', { expectedOutageMinutes: 240 }, { expectedOutageMinutes: 239 }, 'very-high'],
      ['long-outage', { expectedOutageMinutes: 60 }, { expectedOutageMinutes: 59 }, 'high'],
      ['outage', { expectedOutageMinutes: 1 }, { expectedOutageMinutes: 0 }, 'moderate'],
      ['outside-maintenance-window', { outsideMaintenanceWindow: true }, { outsideMaintenanceWindow: false }, 'moderate'],
      ['implementer-failure-rate', { implementerRecentFailureRate: { failed: 1, total: 5 } }, { implementerRecentFailureRate: { failed: 1, total: 6 } }, 'high'],
      ['implementer-failure-rate', { implementerRecentFailureRate: { failed: 5, total: 5 } }, { implementerRecentFailureRate: { failed: 4, total: 4 } }, 'high'],
      ['emergency-change', { changeType: 'emergency' }, { changeType: 'normal' }, 'high'],
      ['emergency-change', { changeType: 'emergency' }, { changeType: 'standard' }, 'high'],
    ])('%s: given %j it fires and the change is at its level; given %j it does not', (ruleId, at, below, level) => {
      expect(fired(at)).toContain(ruleId);
      expect(assess(at).level).toBe(level);
      expect(fired(below)).not.toContain(ruleId);
    });
  });

  describe('a fired rule says why, with the actual value', () => {
    it.each<[Partial<RiskFacts>, string, string]>([
      [{ serviceCriticalities: ['critical'] }, 'critical-service', 'Service criticality is critical (≥ critical)'],
      [{ serviceCriticalities: ['low', 'high', 'medium'] }, 'high-criticality-service', 'The most critical of 3 services is high (≥ high)'],
      [{ dependentServiceCount: 12 }, 'wide-impact', '12 services depend on the changed services (≥ 10)'],
      [{ expectedOutageMinutes: 90 }, 'long-outage', 'Expected outage is 90 minutes (≥ 60)'],
      [{ expectedOutageMinutes: 1 }, 'outage', 'Expected outage is 1 minute (≥ 1)'],
      [{ outsideMaintenanceWindow: true }, 'outside-maintenance-window', "The change window is outside the service's maintenance window"],
      [{ implementerRecentFailureRate: { failed: 2, total: 6 } }, 'implementer-failure-rate', 'The implementer failed 2 of 6 recent changes (33.3% ≥ 20%, over ≥ 5 changes)'],
      [{ changeType: 'emergency' }, 'emergency-change', 'The change is an emergency change'],
    ])('given %j, %s says "%s"', (given, ruleId, reason) => {
      expect(assess(given).firedRules).toContainEqual({ rule: ruleId, level: expect.any(String), reason });
    });

    it('fires no criticality rule for a change that names no service', () => {
      expect(fired({ serviceCriticalities: [] })).toEqual([]);
    });
  });

  describe('the questionnaire', () => {
    it.each<[Record<string, string>, number, RiskLevel]>([
      [{ tested: 'partially', 'done-before': 'once' }, 5, 'low'],
      [{ tested: 'no' }, 6, 'moderate'],
      [{ tested: 'no', rollback: 'untested', 'done-before': 'once' }, 11, 'moderate'],
      [{ tested: 'no', rollback: 'no' }, 12, 'high'],
      [{ tested: 'no', rollback: 'no', 'done-before': 'never', 'user-visible': 'some-users' }, 18, 'high'],
      [{ tested: 'no', rollback: 'no', 'done-before': 'never', 'user-visible': 'some-users', vendor: 'supervised' }, 19, 'very-high'],
    ])('given the answers %j, scores %d and gives %s', (given, score, level) => {
      expect(assess({}, answers(given))).toMatchObject({ questionnaireScore: score, questionnaireLevel: level, level });
    });

    it('scores the worst answers at 26, very-high', () => {
      expect(assess({}, worstAnswers())).toMatchObject({ questionnaireScore: 26, questionnaireLevel: 'very-high' });
    });

    it('refuses unanswered questions, naming every one, as a rule violation', () => {
      const partial = Object.fromEntries(Object.entries(answers()).filter(([question]) => question !== 'tested' && question !== 'vendor'));
      const refusal = catchError(() => assess({}, partial));
      expect(refusal).toBeInstanceOf(RiskQuestionnaireIncomplete);
      expect(refusal).toBeInstanceOf(RuleViolation);
      expect(refusal).toMatchObject({ missingQuestionIds: ['tested', 'vendor'], message: 'The risk questionnaire is incomplete: no answer to "tested", "vendor"' });
    });

    it('refuses an answer the question does not offer', () => {
      const refusal = catchError(() => assess({}, answers({ rollback: 'maybe' })));
      expect(refusal).toBeInstanceOf(RiskAnswerUnknown);
      expect(refusal).toMatchObject({ unknownAnswers: [{ questionId: 'rollback', answerId: 'maybe' }], message: 'Unknown risk questionnaire answer: "maybe" to "rollback"' });
    });

    it('ignores answers to questions the policy does not ask (an older questionnaire)', () => {
      expect(assess({}, { ...answers(), 'retired-question': 'yes' }).questionScores.map((s) => s.question)).not.toContain('retired-question');
    });
  });

  describe('the higher level wins', () => {
    it.each<[string, Partial<RiskFacts>, Record<string, string>, RiskLevel, RiskLevel, RiskLevel]>([
      ['rules over the questionnaire', { expectedOutageMinutes: 60 }, {}, 'high', 'low', 'high'],
      ['the questionnaire over the rules', { outsideMaintenanceWindow: true }, { tested: 'no', rollback: 'no', 'done-before': 'never', 'user-visible': 'all-users' }, 'moderate', 'very-high', 'very-high'],
      ['either, when they agree', { dependentServiceCount: 3 }, { tested: 'no' }, 'moderate', 'moderate', 'moderate'],
    ])('%s', (_case, given, answered, ruleLevel, questionnaireLevel, level) => {
      expect(assess(given, answers(answered))).toMatchObject({ ruleLevel, questionnaireLevel, level });
    });

    it('takes the highest of several fired rules', () => {
      expect(assess({ outsideMaintenanceWindow: true, dependentServiceCount: 30, serviceCriticalities: ['critical'] }).ruleLevel).toBe('very-high');
    });
  });

  describe('the assessment, ready to be an event', () => {
    it('names the policy version, the rules that fired and every question score', () => {
      const assessment = assess({ serviceCriticalities: ['critical'], outsideMaintenanceWindow: true }, answers({ tested: 'partially' }));
      expect(assessment).toEqual({
        level: 'high',
        policyVersion: '2026-12.1',
        ruleLevel: 'high',
        questionnaireLevel: 'low',
        firedRules: [
          { rule: 'critical-service', level: 'high', reason: 'Service criticality is critical (≥ critical)' },
          { rule: 'high-criticality-service', level: 'moderate', reason: 'Service criticality is critical (≥ high)' },
          { rule: 'outside-maintenance-window', level: 'moderate', reason: "The change window is outside the service's maintenance window" },
        ],
        questionScores: [
          { question: 'tested', answer: 'partially', score: 1, weight: 3, weighted: 3 },
          { question: 'rollback', answer: 'tested', score: 0, weight: 3, weighted: 0 },
          { question: 'done-before', answer: 'many-times', score: 0, weight: 2, weighted: 0 },
          { question: 'user-visible', answer: 'no', score: 0, weight: 2, weighted: 0 },
          { question: 'downtime', answer: 'none', score: 0, weight: 2, weighted: 0 },
          { question: 'vendor', answer: 'no', score: 0, weight: 1, weighted: 0 },
        ],
        questionnaireScore: 3,
      });
      expect(JSON.parse(JSON.stringify(assessment))).toEqual(assessment);
    });

    it('names the version of the policy it was assessed under', () => {
      expect(assessRisk(facts(), answers(), policyWith({ version: 'candidate-7' })).policyVersion).toBe('candidate-7');
    });
  });
});

const catchError = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('Expected an error');
};
