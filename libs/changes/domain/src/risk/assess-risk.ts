import { reasonIfHolds } from './evaluate-rule';
import type { QuestionnaireAnswers, RiskFacts } from './risk-facts';
import { highestOf, higherOf, type RiskLevel } from './risk-level';
import type { RiskPolicy } from './risk-policy';
import { scoreQuestionnaire, type QuestionScore } from './score-questionnaire';

export interface FiredRule {
  readonly rule: string;
  readonly level: RiskLevel;
  readonly reason: string;
}

/**
 * Plain JSON data, ready to be an event's payload: it names the policy version, the rules that fired with their
 * reasons and every question's score, so that anyone can see why the change got its level.
 */
export interface RiskAssessment {
  readonly level: RiskLevel;
  readonly policyVersion: string;
  readonly ruleLevel: RiskLevel;
  readonly questionnaireLevel: RiskLevel;
  readonly firedRules: FiredRule[];
  readonly questionScores: QuestionScore[];
  readonly questionnaireScore: number;
}

/** Rules and questionnaire each give a level; the higher wins. Throws RiskAnswerUnknown or RiskQuestionnaireIncomplete. */
export const assessRisk = (facts: RiskFacts, answers: QuestionnaireAnswers, policy: RiskPolicy): RiskAssessment => {
  const { questionScores, questionnaireScore, questionnaireLevel } = scoreQuestionnaire(policy.questionnaire, answers);
  const firedRules = policy.rules.flatMap((rule): FiredRule[] => {
    const reason = reasonIfHolds(rule.when, facts);
    return reason === undefined ? [] : [{ rule: rule.id, level: rule.level, reason }];
  });
  const ruleLevel = highestOf(firedRules.map(({ level }) => level));
  return {
    level: higherOf(ruleLevel, questionnaireLevel),
    policyVersion: policy.version,
    ruleLevel,
    questionnaireLevel,
    firedRules,
    questionScores,
    questionnaireScore,
  };
};
