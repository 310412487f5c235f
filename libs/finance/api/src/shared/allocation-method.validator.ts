import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { ALLOCATION_METHOD_KINDS } from '@itsm/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^(0|[1-9][0-9]{0,15})(\.[0-9]{1,10})?$/;
const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_CONSUMERS = 1000;

const FIELDS: Record<string, readonly string[]> = {
  direct: ['kind', 'consumerCostCenterId'],
  equal: ['kind', 'consumerCostCenterIds'],
  percentage: ['kind', 'shares'],
  'usage-units': ['kind', 'unit'],
  weighted: ['kind', 'weights'],
};

const decimalProblem = (path: string, value: unknown): string | null =>
  typeof value === 'number'
    ? `${path} must be a decimal string such as "33.33", not a JSON number (a float would round it)`
    : typeof value !== 'string' || !DECIMAL.test(value)
      ? `${path} must be a decimal string of zero or more such as "33.33"`
      : null;

const sharesProblem = (path: string, list: unknown, valueField: 'percent' | 'weight'): string | null => {
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_CONSUMERS) return `${path} must be a list of 1 to ${MAX_CONSUMERS} entries`;
  for (const [index, entry] of list.entries()) {
    const at = `${path}[${index}]`;
    if (typeof entry !== 'object' || entry === null) return `${at} must be { consumerCostCenterId, ${valueField} }`;
    const unknown = Object.keys(entry).filter((key) => key !== 'consumerCostCenterId' && key !== valueField);
    if (unknown.length > 0) return `${at} has unknown fields: ${unknown.join(', ')}`;
    const { consumerCostCenterId } = entry as Record<string, unknown>;
    if (typeof consumerCostCenterId !== 'string' || !UUID.test(consumerCostCenterId)) return `${at}.consumerCostCenterId must be a UUID`;
    const problem = decimalProblem(`${at}.${valueField}`, (entry as Record<string, unknown>)[valueField]);
    if (problem) return problem;
  }
  return null;
};

/** Everything wrong with the shape of an allocation method (the decider then checks its rules: 100 %, no consumer twice). */
export const allocationMethodProblem = (path: string, method: unknown): string | null => {
  if (typeof method !== 'object' || method === null || Array.isArray(method)) return `${path} must be an object with a kind`;
  const { kind } = method as Record<string, unknown>;
  if (typeof kind !== 'string' || !(ALLOCATION_METHOD_KINDS as readonly string[]).includes(kind)) return `${path}.kind must be one of ${ALLOCATION_METHOD_KINDS.join(', ')}`;
  const unknown = Object.keys(method).filter((key) => !FIELDS[kind].includes(key));
  if (unknown.length > 0) return `${path} (${kind}) has unknown fields: ${unknown.join(', ')}`;
  const m = method as Record<string, unknown>;
  switch (kind) {
    case 'direct':
      return typeof m['consumerCostCenterId'] === 'string' && UUID.test(m['consumerCostCenterId']) ? null : `${path}.consumerCostCenterId must be a UUID`;
    case 'equal': {
      const ids = m['consumerCostCenterIds'];
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_CONSUMERS) return `${path}.consumerCostCenterIds must be a list of 1 to ${MAX_CONSUMERS} ids`;
      return ids.every((id) => typeof id === 'string' && UUID.test(id)) ? null : `${path}.consumerCostCenterIds must hold UUIDs`;
    }
    case 'percentage':
      return sharesProblem(`${path}.shares`, m['shares'], 'percent');
    case 'weighted':
      return sharesProblem(`${path}.weights`, m['weights'], 'weight');
    default:
      return typeof m['unit'] === 'string' && KEY.test(m['unit']) ? null : `${path}.unit must be 1 to 64 lower case letters, digits, ".", "_" or "-"`;
  }
};

/** An allocation method (DESIGN: direct, equal, percentage, usage-units, weighted), its decimals as strings. */
export function IsAllocationMethod(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAllocationMethod',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args: ValidationArguments) => allocationMethodProblem(args.property, args.value) ?? `${args.property} is invalid`, ...options },
      validator: { validate: (value: unknown) => allocationMethodProblem('method', value) === null },
    });
}
