import { MATERIAL_CHANGE_FIELDS, type ChangeEditableFields, type ChangeImplementer, type MaterialChangeField } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import type { ChangeFieldsInput } from './commands';
import { requireDistinctNames, requireName, requireText, requireTime } from './change.guards';

export const SHORT_DESCRIPTION_MAX_LENGTH = 160;
export const TEXT_MAX_LENGTH = 4000;
/** Plans are step lists and run longer than descriptions. */
export const PLAN_MAX_LENGTH = 10_000;

type FieldRules = { [Field in keyof ChangeEditableFields]: (value: unknown) => ChangeEditableFields[Field] };

const implementerOf = (value: unknown): ChangeImplementer => {
  if (typeof value !== 'object' || value === null) throw new RuleViolation('The implementer must name a group');
  const { group, agent } = value as { group?: unknown; agent?: unknown };
  return {
    group: requireName(group, 'The implementer group'),
    agent: agent === undefined || agent === null ? null : requireName(agent, 'The implementer agent'),
  };
};

/** How each field is checked and normalised (texts trimmed, times in UTC). */
const FIELD_RULES: FieldRules = {
  shortDescription: (value) => requireText(value, 'The short description', SHORT_DESCRIPTION_MAX_LENGTH),
  description: (value) => requireText(value, 'The description', TEXT_MAX_LENGTH),
  justification: (value) => requireText(value, 'The justification', TEXT_MAX_LENGTH),
  serviceIds: (value) => requireDistinctNames(value, 'The services', { atLeastOne: true }),
  implementationPlan: (value) => requireText(value, 'The implementation plan', PLAN_MAX_LENGTH),
  backoutPlan: (value) => requireText(value, 'The backout plan', PLAN_MAX_LENGTH),
  testPlan: (value) => requireText(value, 'The test plan', PLAN_MAX_LENGTH),
  plannedStart: (value) => requireTime(value, 'The planned start'),
  plannedEnd: (value) => requireTime(value, 'The planned end'),
  implementer: implementerOf,
};

export const EDITABLE_FIELDS = Object.keys(FIELD_RULES) as (keyof ChangeEditableFields)[];

export const requireWindow = ({ plannedStart, plannedEnd }: Pick<ChangeEditableFields, 'plannedStart' | 'plannedEnd'>): void => {
  if (Date.parse(plannedEnd) <= Date.parse(plannedStart)) {
    throw new RuleViolation(`The planned end (${plannedEnd}) must be after the planned start (${plannedStart})`);
  }
};

/** Every field checked, for a change being raised. */
export const validFields = (input: ChangeFieldsInput): ChangeEditableFields => {
  const fields = Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, FIELD_RULES[field](input[field])])) as unknown as ChangeEditableFields;
  requireWindow(fields);
  return fields;
};

/** The fields an edit names (the others left out), each checked. */
export const validPatch = (input: Partial<ChangeFieldsInput>): Partial<ChangeEditableFields> =>
  Object.fromEntries(
    EDITABLE_FIELDS.filter((field) => input[field] !== undefined).map((field) => [field, FIELD_RULES[field](input[field])]),
  ) as Partial<ChangeEditableFields>;

/** Services are a set: the same ones in another order are no change. */
const sameValue = (field: keyof ChangeEditableFields, a: unknown, b: unknown): boolean => {
  if (field === 'serviceIds') {
    const [left, right] = [a as string[], b as string[]];
    return left.length === right.length && left.every((id) => right.includes(id));
  }
  if (field === 'implementer') {
    const [left, right] = [a as ChangeImplementer, b as ChangeImplementer];
    return left.group === right.group && left.agent === right.agent;
  }
  return a === b;
};

/** The fields of `patch` whose value differs from the change's. */
export const changedFields = (current: ChangeEditableFields, patch: Partial<ChangeEditableFields>): (keyof ChangeEditableFields)[] =>
  EDITABLE_FIELDS.filter((field) => patch[field] !== undefined && !sameValue(field, patch[field], current[field]));

export const isMaterial = (field: keyof ChangeEditableFields): field is MaterialChangeField =>
  (MATERIAL_CHANGE_FIELDS as readonly string[]).includes(field);

export const pick = <T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
