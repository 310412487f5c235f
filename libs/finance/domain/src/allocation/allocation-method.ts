import type { AllocationMethodV1, AllocationSourceV1 } from '@itsm/contracts';
import { ALLOCATION_METHOD_KINDS } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { decimalToString, InvalidMoney, onCommonScale, parseUnsignedDecimal, type ScaledDecimal } from '../money';
import { requireId, requireKey } from '../shared/guards';

export type AllocationSource = AllocationSourceV1;
export type AllocationMethod = AllocationMethodV1;

/** A rule as the engine applies it: what it shares out (`source`) and how (`method`). */
export interface AllocationRule {
  ruleId: string;
  source: AllocationSource;
  method: AllocationMethod;
}

const MAX_CONSUMERS = 1000;

export const requireSource = (source: AllocationSource): AllocationSource => {
  if (source?.kind !== 'pool' && source?.kind !== 'service') throw new RuleViolation('A rule shares out the costs of a cost pool ("pool") or a service ("service")');
  return { kind: source.kind, id: requireId(source.id, source.kind === 'pool' ? 'The cost pool' : 'The service') };
};

/**
 * The method checked and written canonically (ids trimmed, decimals without trailing zeros), or a RuleViolation:
 * a consumer named twice, no consumer, percentages that do not add up to exactly 100, weights all zero.
 */
export const requireAllocationMethod = (method: AllocationMethod): AllocationMethod => {
  switch (method?.kind) {
    case 'direct':
      return { kind: 'direct', consumerCostCenterId: requireId(method.consumerCostCenterId, 'The consumer cost center') };
    case 'equal': {
      const ids = requireConsumers(method.consumerCostCenterIds ?? []);
      return { kind: 'equal', consumerCostCenterIds: ids };
    }
    case 'percentage': {
      const shares = method.shares ?? [];
      const ids = requireConsumers(shares.map((share) => share.consumerCostCenterId));
      const percents = shares.map((share) => requireDecimal(share.percent, `The percentage of ${share.consumerCostCenterId}`));
      const total = sumOf(percents);
      if (total.amount !== 100n * 10n ** total.scale) throw new RuleViolation(`The percentages must add up to exactly 100, not ${decimalToString(total)}`);
      return { kind: 'percentage', shares: ids.map((id, index) => ({ consumerCostCenterId: id, percent: decimalToString(percents[index]) })) };
    }
    case 'usage-units':
      return { kind: 'usage-units', unit: requireKey(method.unit, 'The usage unit') };
    case 'weighted': {
      const weights = method.weights ?? [];
      const ids = requireConsumers(weights.map((weight) => weight.consumerCostCenterId));
      const values = weights.map((weight) => requireDecimal(weight.weight, `The weight of ${weight.consumerCostCenterId}`));
      if (values.every((value) => value.amount === 0n)) throw new RuleViolation('The weights must not all be zero');
      return { kind: 'weighted', weights: ids.map((id, index) => ({ consumerCostCenterId: id, weight: decimalToString(values[index]) })) };
    }
    default:
      throw new RuleViolation(`The allocation method must be one of ${ALLOCATION_METHOD_KINDS.join(', ')}`);
  }
};

const requireConsumers = (ids: readonly string[]): string[] => {
  if (ids.length === 0) throw new RuleViolation('The rule needs at least one consumer cost center');
  if (ids.length > MAX_CONSUMERS) throw new RuleViolation(`A rule takes at most ${MAX_CONSUMERS} consumer cost centers`);
  const checked = ids.map((id) => requireId(id, 'The consumer cost center'));
  const twice = checked.find((id, index) => checked.indexOf(id) !== index);
  if (twice !== undefined) throw new RuleViolation(`The consumer cost center ${twice} is named twice`);
  return checked;
};

const requireDecimal = (text: string, what: string): ScaledDecimal => {
  try {
    return parseUnsignedDecimal(text, what);
  } catch (error) {
    if (error instanceof InvalidMoney) throw new RuleViolation(error.reason);
    throw error;
  }
};

/** The exact sum of decimals. */
export const sumOf = (decimals: readonly ScaledDecimal[]): ScaledDecimal => {
  const scale = decimals.reduce((max, decimal) => (decimal.scale > max ? decimal.scale : max), 0n);
  return { amount: onCommonScale(decimals).reduce((a, b) => a + b, 0n), scale };
};
