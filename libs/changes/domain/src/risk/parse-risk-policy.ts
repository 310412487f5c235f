import { RiskPolicyInvalid, type RiskPolicyProblem } from './risk-errors';
import { CHANGE_TYPES, SERVICE_CRITICALITIES } from './risk-facts';
import { RISK_LEVELS } from './risk-level';
import type { RiskCondition, RiskFact, RiskPolicy } from './risk-policy';

/**
 * Reads a policy file (already JSON-parsed) strictly: unknown fields are refused too, since a mistyped `atleast`
 * would otherwise silently disable a rule. Every problem is listed with its path. Hand-written: the shape is small
 * and closed, no schema library is a runtime dependency of the platform (zod is absent, class-validator wants
 * decorated classes and handles a union of conditions poorly), and duplicate ids or ascending thresholds need code anyway.
 */
export const parseRiskPolicy = (json: unknown): RiskPolicy => {
  const problems: RiskPolicyProblem[] = [];
  checkPolicy(json, { add: (path, message) => problems.push({ path: path || '(policy)', message }) });
  if (problems.length > 0) throw new RiskPolicyInvalid(problems);
  // A copy, so that the caller's later edits to the file's object cannot change a policy already checked.
  return structuredClone(json) as RiskPolicy;
};

interface Problems {
  add(path: string, message: string): void;
}

/** A message when the value is wrong. */
type Check = (value: unknown) => string | undefined;

const nonBlank: Check = (value) => (typeof value === 'string' && value.trim() !== '' ? undefined : 'must be a non-blank string');
const oneOf = (allowed: readonly string[]): Check => (value) =>
  typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, not ${JSON.stringify(value)}`;
const exactly = (expected: unknown): Check => (value) => (value === expected ? undefined : `must be ${JSON.stringify(expected)}`);
const wholeNumberFrom = (min: number): Check => (value) =>
  Number.isInteger(value) && (value as number) >= min ? undefined : `must be a whole number ≥ ${min}, not ${JSON.stringify(value)}`;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const positive: Check = (value) => (isNumber(value) && value > 0 ? undefined : `must be a number above 0, not ${JSON.stringify(value)}`);
const nonNegative: Check = (value) => (isNumber(value) && value >= 0 ? undefined : `must be a number ≥ 0, not ${JSON.stringify(value)}`);
const ratio: Check = (value) => (isNumber(value) && value > 0 && value <= 1 ? undefined : `must be a ratio above 0 and at most 1 (0.2 is 20%), not ${JSON.stringify(value)}`);

/** The fields of each kind of condition besides `fact`; typed so that a new kind of condition cannot go unchecked. */
const CONDITION_FIELDS: { [F in RiskFact]: Record<Exclude<keyof Extract<RiskCondition, { fact: F }>, 'fact'>, Check> } = {
  maxServiceCriticality: { atLeast: oneOf(SERVICE_CRITICALITIES) },
  // At least 1: a threshold of 0 would fire for every change.
  dependentServiceCount: { atLeast: wholeNumberFrom(1) },
  expectedOutageMinutes: { atLeast: wholeNumberFrom(1) },
  outsideMaintenanceWindow: { is: exactly(true) },
  implementerFailureRate: { atLeast: ratio, minChanges: wholeNumberFrom(1) },
  changeType: { is: oneOf(CHANGE_TYPES) },
};
const FACTS = Object.keys(CONDITION_FIELDS);

const at = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/** An object with exactly these fields, each checked; returns it for further checks, or undefined when it is not an object. */
const object = (value: unknown, path: string, fields: Record<string, Check | undefined>, p: Problems): Record<string, unknown> | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    p.add(path, 'must be an object');
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const known = Object.keys(fields);
  for (const key of Object.keys(record)) if (!known.includes(key)) p.add(at(path, key), `is not a known field (expected ${known.join(', ')})`);
  for (const [key, check] of Object.entries(fields)) {
    if (!Object.hasOwn(record, key)) p.add(at(path, key), 'is required');
    else if (check) {
      const message = check(record[key]);
      if (message) p.add(at(path, key), message);
    }
  }
  return record;
};

const list = (value: unknown, path: string, p: Problems, atLeastOne?: string): unknown[] => {
  if (!Array.isArray(value)) {
    if (value !== undefined) p.add(path, 'must be a list');
    return [];
  }
  if (atLeastOne && value.length === 0) p.add(path, atLeastOne);
  return value;
};

const uniqueIds = (items: readonly unknown[], path: string, what: string, p: Problems): void => {
  const firstAt = new Map<string, number>();
  items.forEach((item, index) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = firstAt.get(id);
    if (first === undefined) firstAt.set(id, index);
    else p.add(at(at(path, index), 'id'), `duplicates the ${what} id "${id}" of ${at(path, first)}`);
  });
};

const checkPolicy = (value: unknown, p: Problems): void => {
  const policy = object(value, '', { version: nonBlank, rules: undefined, questionnaire: undefined }, p);
  if (!policy) return;
  const rules = list(policy['rules'], 'rules', p);
  rules.forEach((rule, index) => checkRule(rule, at('rules', index), p));
  uniqueIds(rules, 'rules', 'rule', p);
  if (Object.hasOwn(policy, 'questionnaire')) checkQuestionnaire(policy['questionnaire'], 'questionnaire', p);
};

const checkRule = (value: unknown, path: string, p: Problems): void => {
  const rule = object(value, path, { id: nonBlank, description: nonBlank, when: undefined, level: oneOf(RISK_LEVELS) }, p);
  if (rule && Object.hasOwn(rule, 'when')) checkCondition(rule['when'], at(path, 'when'), p);
};

const checkCondition = (value: unknown, path: string, p: Problems): void => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return p.add(path, 'must be an object');
  const fact = (value as { fact?: unknown }).fact;
  if (typeof fact === 'string' && FACTS.includes(fact)) object(value, path, { fact: undefined, ...CONDITION_FIELDS[fact as RiskFact] }, p);
  // The other fields depend on the fact, so only the fact is reported.
  else p.add(at(path, 'fact'), fact === undefined ? `is required (one of ${FACTS.join(', ')})` : `must be one of ${FACTS.join(', ')}, not ${JSON.stringify(fact)}`);
};

const checkQuestionnaire = (value: unknown, path: string, p: Problems): void => {
  const questionnaire = object(value, path, { questions: undefined, thresholds: undefined }, p);
  if (!questionnaire) return;
  const questions = list(questionnaire['questions'], at(path, 'questions'), p, 'must hold at least one question');
  questions.forEach((question, index) => checkQuestion(question, at(at(path, 'questions'), index), p));
  uniqueIds(questions, at(path, 'questions'), 'question', p);
  if (Object.hasOwn(questionnaire, 'thresholds')) checkThresholds(questionnaire['thresholds'], at(path, 'thresholds'), p);
};

const checkQuestion = (value: unknown, path: string, p: Problems): void => {
  const question = object(value, path, { id: nonBlank, text: nonBlank, weight: positive, answers: undefined }, p);
  if (!question) return;
  const answers = list(question['answers'], at(path, 'answers'), p, 'must offer at least one answer');
  answers.forEach((answer, index) => object(answer, at(at(path, 'answers'), index), { id: nonBlank, text: nonBlank, score: nonNegative }, p));
  uniqueIds(answers, at(path, 'answers'), 'answer', p);
};

const checkThresholds = (value: unknown, path: string, p: Problems): void => {
  const thresholds = object(value, path, { moderate: positive, high: positive, 'very-high': positive }, p);
  if (!thresholds) return;
  const { moderate, high } = thresholds;
  const veryHigh = thresholds['very-high'];
  if (isNumber(moderate) && isNumber(high) && high <= moderate) p.add(at(path, 'high'), `must be above moderate (${moderate}), not ${high}`);
  if (isNumber(high) && isNumber(veryHigh) && veryHigh <= high) p.add(at(path, 'very-high'), `must be above high (${high}), not ${veryHigh}`);
};
