import {
  RISK_ASSESSMENT_TRIGGERS,
  RISK_LEVELS,
  type ChangeRiskInputs,
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

/** What explains the assessment, kept only when the application gave it (older assessments have none). */
const explanationOf = ({ inputs, trigger, changedInputs }: AssessChangeRisk['data']) => ({
  ...(inputs === undefined ? {} : { inputs: validInputs(inputs) }),
  ...(trigger === undefined ? {} : { trigger: requireOneOf(trigger, RISK_ASSESSMENT_TRIGGERS, 'The assessment trigger') }),
  ...(changedInputs === undefined ? {} : { changedInputs: requireArray(changedInputs, 'The changed inputs').map((name) => requireName(name, 'A changed input')) }),
});

const validInputs = (value: unknown): ChangeRiskInputs => {
  const { facts, answers } = (value ?? {}) as Partial<ChangeRiskInputs>;
  if (typeof facts !== 'object' || facts === null) throw new RuleViolation('The facts of the assessment must be an object');
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) throw new RuleViolation('The answers of the assessment must be an object');
  return { facts, answers };
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
      previousLevel: change.risk?.level ?? null,
      previousState: change.state,
      state: movesOn ? 'authorize' : change.state,
      assessedAt: at.toISOString(),
      ...explanationOf(data),
    },
  };
  return movesOn ? [assessed, approvalRequested(change, stages, at)] : [assessed];
};
