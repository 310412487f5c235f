import {
  CHANGE_TYPES,
  RISK_LEVELS,
  SERVICE_CRITICALITIES,
  type ChangeRiskAnswers,
  type ChangeRiskFacts,
  type ChangeRiskQuestionScore,
  type ChangeRiskRuleFired,
  type RiskLevel,
} from '@itsm/contracts';
import { IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { approvalRequested, refuseStages, validStages } from './approval-stages';
import { inStates, raised, requireArray, requireName, requireOneOf, requireText } from './change.guards';
import { TEXT_MAX_LENGTH } from './change-fields';
import type { AssessChangeRisk } from './commands';
import type { ChangeEvent } from './events';
import type { Change, RaisedChange } from './state';

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

const validRule = (value: unknown): ChangeRiskRuleFired => {
  const { rule, level, reason } = (value ?? {}) as Record<string, unknown>;
  return {
    rule: requireName(rule, 'A fired rule'),
    level: requireOneOf(level, RISK_LEVELS, 'The level of a fired rule'),
    reason: requireText(reason, 'The reason of a fired rule', TEXT_MAX_LENGTH),
  };
};

const validScore = (value: unknown): ChangeRiskQuestionScore => {
  const { question, answer, score } = (value ?? {}) as Record<string, unknown>;
  if (typeof score !== 'number' || !Number.isFinite(score)) throw new RuleViolation(`The score of a question must be a number (got ${JSON.stringify(score)})`);
  return {
    question: requireName(question, 'A scored question'),
    answer: requireText(answer, 'The answer to a scored question', TEXT_MAX_LENGTH),
    score,
  };
};

const requireCount = (value: unknown, what: string): number => {
  if (!Number.isInteger(value) || (value as number) < 0) throw new RuleViolation(`${what} must be a whole number ≥ 0 (got ${JSON.stringify(value)})`);
  return value as number;
};

/** The facts the policy read, checked field by field (a replay must read the same shape), or null when left out. */
const validFacts = (value: unknown): ChangeRiskFacts | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new RuleViolation('The risk facts must be an object');
  const facts = value as Record<string, unknown>;
  const rate = (facts['implementerRecentFailureRate'] ?? {}) as Record<string, unknown>;
  const failed = requireCount(rate['failed'], 'The implementer\'s failed changes');
  const total = requireCount(rate['total'], 'The implementer\'s completed changes');
  if (failed > total) throw new RuleViolation(`The implementer's failed changes (${failed}) cannot exceed the completed ones (${total})`);
  if (typeof facts['outsideMaintenanceWindow'] !== 'boolean') throw new RuleViolation('Whether the change is outside the maintenance window must be true or false');
  return {
    changeType: requireOneOf(facts['changeType'], CHANGE_TYPES, 'The change type of the risk facts'),
    serviceCriticalities: requireArray(facts['serviceCriticalities'], 'The service criticalities').map((criticality) =>
      requireOneOf(criticality, SERVICE_CRITICALITIES, 'A service criticality'),
    ),
    dependentServiceCount: requireCount(facts['dependentServiceCount'], 'The dependent service count'),
    expectedOutageMinutes: requireCount(facts['expectedOutageMinutes'], 'The expected outage minutes'),
    outsideMaintenanceWindow: facts['outsideMaintenanceWindow'],
    implementerRecentFailureRate: { failed, total },
  };
};

/** The answer id to each question id, or null when left out. */
const validAnswers = (value: unknown): ChangeRiskAnswers | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new RuleViolation('The questionnaire answers must be an object of answer ids by question id');
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([question, answer]) => [requireName(question, 'A question id'), requireName(answer, `The answer to ${question}`)]),
  );
};

/** The states a change may be assessed in: a normal change on its way to approval, an emergency one until it is authorized. */
const assessable = (change: RaisedChange) => {
  if (change.type === 'standard') {
    throw new IllegalTransition(`Change ${change.number} is a standard change: it is pre-approved by its template and is not assessed`);
  }
  return inStates(change, change.type === 'normal' ? ['assess'] : ['new', 'authorize'], 'be assessed');
};

/**
 * Records the risk the application computed (the higher of the rule and questionnaire levels). A normal change moves
 * on to `authorize`, opening the approval stages the application's policy chose for its risk.
 */
export const assessRisk = ({ data, metadata }: AssessChangeRisk, state: Change): ChangeEvent[] => {
  const change = assessable(raised(state));
  const level = requireOneOf(data.level, RISK_LEVELS, 'The risk level');
  const ruleLevel = requireOneOf(data.ruleLevel, RISK_LEVELS, 'The rule level');
  const questionnaireLevel = requireOneOf(data.questionnaireLevel, RISK_LEVELS, 'The questionnaire level');
  const higher = rank(ruleLevel) >= rank(questionnaireLevel) ? ruleLevel : questionnaireLevel;
  if (level !== higher) {
    throw new RuleViolation(`The risk level must be the higher of the rule level and the questionnaire level (${higher}, got ${level})`);
  }
  const movesOn = change.type === 'normal';
  const stages = movesOn ? validStages(data.approvalStages, change) : [];
  if (!movesOn) refuseStages(data.approvalStages, `Change ${change.number} is an emergency change: its ECAB stages open when it is submitted`);
  const at = metadata.now;
  const assessed: ChangeEvent = {
    type: 'ChangeRiskAssessed',
    data: {
      changeId: change.changeId,
      level,
      policyVersion: requireName(data.policyVersion, 'The risk policy version'),
      firedRules: requireArray(data.firedRules, 'The fired rules').map(validRule),
      questionScores: requireArray(data.questionScores, 'The question scores').map(validScore),
      ruleLevel,
      questionnaireLevel,
      facts: validFacts(data.facts),
      answers: validAnswers(data.answers),
      previousLevel: change.risk?.level ?? null,
      previousState: change.state,
      state: movesOn ? 'authorize' : change.state,
      assessedAt: at.toISOString(),
    },
  };
  return movesOn ? [assessed, approvalRequested(change, stages, at)] : [assessed];
};
