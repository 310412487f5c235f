import { RiskAnswerUnknown, RiskQuestionnaireIncomplete } from './risk-errors';
import type { QuestionnaireAnswers } from './risk-facts';
import type { RiskLevel } from './risk-level';
import type { RiskQuestionnaire } from './risk-policy';

export interface QuestionScore {
  readonly question: string;
  readonly answer: string;
  readonly score: number;
  readonly weight: number;
  readonly weighted: number;
}

export interface QuestionnaireResult {
  readonly questionScores: QuestionScore[];
  readonly questionnaireScore: number;
  readonly questionnaireLevel: RiskLevel;
}

/**
 * Every question must be answered with one of its answers: an unknown answer is refused first (it is wrong input),
 * then a missing one. Answers to questions the policy does not ask are ignored, so that a change answered under an
 * older questionnaire can still be replayed; a mistyped question id cannot slip through, because the question it
 * meant is then missing.
 */
export const scoreQuestionnaire = (questionnaire: RiskQuestionnaire, answers: QuestionnaireAnswers): QuestionnaireResult => {
  const unknown: { questionId: string; answerId: string }[] = [];
  const missing: string[] = [];
  const questionScores: QuestionScore[] = [];
  for (const question of questionnaire.questions) {
    if (!Object.hasOwn(answers, question.id)) {
      missing.push(question.id);
      continue;
    }
    const answerId = answers[question.id];
    const answer = question.answers.find((candidate) => candidate.id === answerId);
    if (answer === undefined) {
      unknown.push({ questionId: question.id, answerId: String(answerId) });
      continue;
    }
    questionScores.push({ question: question.id, answer: answer.id, score: answer.score, weight: question.weight, weighted: answer.score * question.weight });
  }
  if (unknown.length > 0) throw new RiskAnswerUnknown(unknown);
  if (missing.length > 0) throw new RiskQuestionnaireIncomplete(missing);
  const questionnaireScore = questionScores.reduce((sum, { weighted }) => sum + weighted, 0);
  return { questionScores, questionnaireScore, questionnaireLevel: levelForScore(questionnaireScore, questionnaire.thresholds) };
};

export const levelForScore = (score: number, thresholds: RiskQuestionnaire['thresholds']): RiskLevel => {
  if (score >= thresholds['very-high']) return 'very-high';
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.moderate) return 'moderate';
  return 'low';
};
