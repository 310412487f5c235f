import { QUORUM_RULES, RISK_LEVELS, type ChangeApprovalStage } from '@itsm/contracts';
import { approvalsNeeded } from '../change/quorum';
import type { ApprovalPolicy } from './approval-policy';

/** One thing wrong with an approval policy, named by where it is (`normal.high[1].quorum.n`). */
export interface ApprovalPolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** A policy that cannot be used; lists every problem at once, so that one edit fixes them all. */
export class ApprovalPolicyInvalid extends Error {
  override readonly name = 'ApprovalPolicyInvalid';
  constructor(readonly problems: readonly ApprovalPolicyProblem[]) {
    super(`The approval policy is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `- ${p.path}: ${p.message}`).join('\n')}`);
  }
}

type Add = (path: string, message: string) => void;

const at = (parent: string, key: string | number): string => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const ONE_LINE = /^[^\p{Cc}]+$/u;
const isName = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.trim() === value && value.length <= 200 && ONE_LINE.test(value);

/** Exactly these keys: unknown ones are refused (a mistyped `approver` would silently open a stage to everyone). */
const fields = (value: Record<string, unknown>, path: string, required: readonly string[], optional: readonly string[], add: Add): void => {
  for (const key of Object.keys(value)) if (![...required, ...optional].includes(key)) add(at(path, key), `is not a known field (expected ${[...required, ...optional].join(', ')})`);
  for (const key of required) if (!Object.hasOwn(value, key)) add(at(path, key), 'is required');
};

const checkStage = (value: unknown, path: string, add: Add): void => {
  if (!isObject(value)) return add(path, 'must be an object { name, quorum, approvers, veto }');
  fields(value, path, ['name', 'quorum', 'approvers', 'veto'], [], add);
  if (Object.hasOwn(value, 'name') && !isName(value['name'])) add(at(path, 'name'), 'must be a one-line name of 1–200 characters without surrounding spaces');
  if (Object.hasOwn(value, 'veto') && typeof value['veto'] !== 'boolean') add(at(path, 'veto'), 'must be true or false');
  const approvers = value['approvers'];
  const approversOk = Array.isArray(approvers) && approvers.every(isName) && new Set(approvers).size === approvers.length;
  if (Object.hasOwn(value, 'approvers') && !approversOk) add(at(path, 'approvers'), 'must be a list of distinct approver ids (empty: anyone acting as cab-member or change-manager)');
  const quorum = value['quorum'];
  if (!Object.hasOwn(value, 'quorum')) return;
  if (!isObject(quorum)) return add(at(path, 'quorum'), 'must be an object { rule, n? }');
  const rulePath = at(path, 'quorum');
  fields(quorum, rulePath, quorum['rule'] === 'n-of-m' ? ['rule', 'n'] : ['rule'], [], add);
  if (!(QUORUM_RULES as readonly unknown[]).includes(quorum['rule'])) return add(at(rulePath, 'rule'), `must be one of ${QUORUM_RULES.map((r) => `"${r}"`).join(', ')}, not ${JSON.stringify(quorum['rule'])}`);
  if (quorum['rule'] === 'n-of-m' && !Object.hasOwn(quorum, 'n')) return;
  if (!approversOk) return;
  try {
    approvalsNeeded(quorum as ChangeApprovalStage['quorum'], (approvers as string[]).length === 0 ? null : (approvers as string[]).length);
  } catch (error) {
    add(quorum['rule'] === 'n-of-m' ? at(rulePath, 'n') : rulePath, (error as Error).message);
  }
};

const checkStages = (value: unknown, path: string, add: Add): void => {
  if (!Array.isArray(value) || value.length === 0) return add(path, 'must be a list of one or more stages');
  value.forEach((stage, index) => checkStage(stage, at(path, index), add));
  const names = value.map((stage) => (isObject(stage) ? stage['name'] : undefined)).filter(isName);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) add(path, `names stage "${duplicate}" more than once`);
};

/**
 * Reads an approval policy (already JSON-parsed) strictly: `{ version, normal: { low, moderate, high, very-high },
 * emergency }`, each a list of stages `{ name, quorum: { rule, n? }, approvers, veto }`. Quorums are checked as the
 * decider counts them (a majority needs named approvers, n at most their number), so that a policy accepted at start
 * never fails an assessment later. Every problem is listed with its path.
 */
export const parseApprovalPolicy = (json: unknown): ApprovalPolicy => {
  const problems: ApprovalPolicyProblem[] = [];
  const add: Add = (path, message) => problems.push({ path: path || '(policy)', message });
  if (!isObject(json)) add('', 'must be an object { version, normal, emergency }');
  else {
    fields(json, '', ['version', 'normal', 'emergency'], [], add);
    if (Object.hasOwn(json, 'version') && !isName(json['version'])) add('version', 'must be a one-line, non-blank name');
    const normal = json['normal'];
    if (Object.hasOwn(json, 'normal')) {
      if (!isObject(normal)) add('normal', `must be an object with the stages of each risk level (${RISK_LEVELS.join(', ')})`);
      else {
        fields(normal, 'normal', RISK_LEVELS, [], add);
        for (const level of RISK_LEVELS) if (Object.hasOwn(normal, level)) checkStages(normal[level], at('normal', level), add);
      }
    }
    if (Object.hasOwn(json, 'emergency')) checkStages(json['emergency'], 'emergency', add);
  }
  if (problems.length > 0) throw new ApprovalPolicyInvalid(problems);
  return structuredClone(json) as unknown as ApprovalPolicy;
};
