import { RuleViolation } from '@itsm/event-sourcing';
import {
  allocateByWeights,
  allocateMinorUnits,
  convert,
  currencyCodeOf,
  CurrencyMismatch,
  decimalToString,
  isZero,
  minorUnitsOf,
  minorUnitsToWire,
  moneyFromWire,
  moneyToWire,
  onCommonScale,
  parseUnsignedDecimal,
  subtract,
  sum,
  type Money,
  type ScaledDecimal,
  type WireMoney,
} from '../money';
import { requireAllocationMethod, sumOf, type AllocationMethod, type AllocationRule, type AllocationSource } from './allocation-method';

/** Why a consumer got its share: the rule's method, its share and the sum of all shares ("120" of "400" vm-hours). */
export interface AllocationBasis {
  method: AllocationMethod['kind'];
  share: string;
  of: string;
  /** The usage unit, for usage-units rules. */
  unit?: string;
}

/** A consumer cost center's part of a cost. */
export interface AllocatedLine {
  kind: 'allocated';
  ruleId: string | null;
  consumerCostCenterId: string;
  amount: WireMoney;
  basis: AllocationBasis;
  /** When posted in another currency: the amount before conversion (`amount` is then the converted one). */
  original?: WireMoney;
}

/** What a rule could not give to anybody (no consumers, no usage metered, no rule): shown, never dropped. */
export interface UnallocatedLine {
  kind: 'unallocated';
  ruleId: string | null;
  consumerCostCenterId: null;
  amount: WireMoney;
  reason: string;
  original?: WireMoney;
}

/** The difference between the converted total and the sum of the converted lines: rounding made visible. */
export interface RoundingLine {
  kind: 'rounding';
  ruleId: string | null;
  consumerCostCenterId: null;
  amount: WireMoney;
  reason: string;
}

export type AllocationLine = AllocatedLine | UnallocatedLine | RoundingLine;

/** Metered usage: `quantity` (a decimal string) of `unit` that a consumer used of a source in the period. */
export interface UsageRecord {
  source: AllocationSource;
  consumerCostCenterId: string;
  unit: string;
  quantity: string;
}

/** A cost of a pool or a service in the period, to be shared out by its rule. */
export interface CostToAllocate {
  source: AllocationSource;
  amount: WireMoney;
}

const sameSource = (a: AllocationSource, b: AllocationSource): boolean => a.kind === b.kind && a.id === b.id;
const describe = (source: AllocationSource): string => `${source.kind === 'pool' ? 'cost pool' : 'service'} ${source.id}`;

/**
 * Shares one cost out by one rule, exactly: the lines add up to `amount` to the minor unit (money/allocate's largest
 * remainder, ties to the earlier line). The lines' order is the rule's order of consumers (equal, percentage,
 * weighted) or the consumers' ids sorted (usage-units: the order of the metering has no meaning). A rule with nobody
 * to give to — no usage of its unit — answers one unallocated line with the whole amount.
 */
export const allocateCost = (rule: AllocationRule, amountWire: WireMoney, usage: readonly UsageRecord[] = []): AllocationLine[] => {
  const amount = moneyFromWire(amountWire);
  const method = requireAllocationMethod(rule.method);
  const shares = sharesOf(rule, method, usage);
  if (shares.length === 0) {
    return [{ kind: 'unallocated', ruleId: rule.ruleId, consumerCostCenterId: null, amount: moneyToWire(amount), reason: nobodyReason(rule, method) }];
  }
  const of = decimalToString(sumOf(shares.map(({ share }) => share)));
  const ratios = shares.map(({ share }) => decimalToString(share));
  // On minor units: a period allocates tens of thousands of lines, one dinero object each would be churn. The shares
  // are read already: on one scale they are the weights `allocateMinorUnits` would read back from `ratios`.
  const currency = currencyCodeOf(amount);
  const weights = onCommonScale(shares.map(({ share }) => share));
  const parts = weights.some((weight) => weight > 0n) ? allocateByWeights(minorUnitsOf(amount), weights) : allocateMinorUnits(minorUnitsOf(amount), ratios);
  return shares.map(({ consumerCostCenterId }, index) => ({
    kind: 'allocated',
    ruleId: rule.ruleId,
    consumerCostCenterId,
    amount: minorUnitsToWire(parts[index], currency),
    // Members in canonical order: a period's statements carry tens of thousands of these, written as canonical JSON.
    basis: { method: method.kind, of, share: ratios[index], ...(method.kind === 'usage-units' && { unit: method.unit }) },
  }));
};

interface Share {
  consumerCostCenterId: string;
  share: ScaledDecimal;
}

const one: ScaledDecimal = { amount: 1n, scale: 0n };

const sharesOf = (rule: AllocationRule, method: AllocationMethod, usage: readonly UsageRecord[]): Share[] => {
  switch (method.kind) {
    case 'direct':
      return [{ consumerCostCenterId: method.consumerCostCenterId, share: one }];
    case 'equal':
      return method.consumerCostCenterIds.map((consumerCostCenterId) => ({ consumerCostCenterId, share: one }));
    case 'percentage':
      return method.shares.map(({ consumerCostCenterId, percent }) => ({ consumerCostCenterId, share: parseUnsignedDecimal(percent, 'A percentage') }));
    case 'weighted':
      return method.weights.map(({ consumerCostCenterId, weight }) => ({ consumerCostCenterId, share: parseUnsignedDecimal(weight, 'A weight') }));
    case 'usage-units':
      return usageShares(rule.source, method.unit, usage);
  }
};

/** Each consumer's metered units of the rule's unit for its source, summed, consumers sorted by id; none at all: []. */
const usageShares = (source: AllocationSource, unit: string, usage: readonly UsageRecord[]): Share[] => {
  const byConsumer = new Map<string, ScaledDecimal[]>();
  for (const record of usage) {
    if (!sameSource(record.source, source) || record.unit !== unit) continue;
    const quantity = parseUnsignedDecimal(record.quantity, `The usage of ${record.consumerCostCenterId}`);
    const quantities = byConsumer.get(record.consumerCostCenterId);
    if (quantities === undefined) byConsumer.set(record.consumerCostCenterId, [quantity]);
    else quantities.push(quantity);
  }
  const shares = [...byConsumer]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([consumerCostCenterId, quantities]) => ({ consumerCostCenterId, share: sumOf(quantities) }));
  return shares.some(({ share }) => share.amount > 0n) ? shares : [];
};

const nobodyReason = (rule: AllocationRule, method: AllocationMethod): string =>
  method.kind === 'usage-units' ? `No usage of "${method.unit}" was metered for ${describe(rule.source)}` : `Rule ${rule.ruleId} has no consumer cost centers`;

/**
 * Shares out every cost by the rule of its source. A cost whose source has no rule is one unallocated line (rule
 * null); two rules for one source are refused (which one applies would be a guess).
 */
export const runAllocation = (costs: readonly CostToAllocate[], rules: readonly AllocationRule[], usage: readonly UsageRecord[] = []): AllocationLine[] =>
  costs.flatMap((cost) => {
    const matching = rules.filter((rule) => sameSource(rule.source, cost.source));
    if (matching.length > 1) throw new RuleViolation(`The ${describe(cost.source)} has ${matching.length} allocation rules: one applies at a time`);
    if (matching.length === 0) {
      const amount = moneyToWire(moneyFromWire(cost.amount));
      return [{ kind: 'unallocated' as const, ruleId: null, consumerCostCenterId: null, amount, reason: `No allocation rule shares out the ${describe(cost.source)}` }];
    }
    return allocateCost(matching[0], cost.amount, usage);
  });

/**
 * Allocation lines posted in another currency at `rate`: each line converted once (half to even); then, per rule
 * (the lines of one cost), when its converted lines do not add up to its converted total, one rounding line with
 * the difference follows them. So the posted lines of a rule always add up to exactly `convert(total)`, and no
 * minor unit is lost or invented by the conversion. Each converted line keeps its `original` amount.
 */
export const postInCurrency = (lines: readonly AllocationLine[], rate: string, currency: string): AllocationLine[] => {
  if (lines.some((line) => line.kind === 'rounding')) throw new RuleViolation('Lines that were already posted (with a rounding line) cannot be posted again');
  const currencies = new Set(lines.map((line) => line.amount.currency));
  if (currencies.size > 1) throw new CurrencyMismatch(lines[0].amount.currency, [...currencies][1], 'Lines posted at one rate');
  // A line without a rule (a cost nobody shares out) is a group of its own.
  const groups = new Map<string, AllocationLine[]>();
  lines.forEach((line, index) => {
    const key = line.ruleId === null ? `no rule ${index}` : `rule ${line.ruleId}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  });
  return [...groups.values()].flatMap((group) => postGroup(group, rate, currency));
};

const postGroup = (lines: readonly AllocationLine[], rate: string, currency: string): AllocationLine[] => {
  const sourceCurrency = currencyCodeOf(moneyFromWire(lines[0].amount));
  const total = sum(lines.map((line) => moneyFromWire(line.amount)), sourceCurrency);
  const postedTotal = convert(total, rate, currency);
  const posted = lines.map((line) => ({ ...line, amount: moneyToWire(convert(moneyFromWire(line.amount), rate, currency)), original: line.amount }) as AllocationLine);
  const postedSum = sum(posted.map((line) => moneyFromWire(line.amount)), currency);
  const difference = subtract(postedTotal, postedSum);
  if (isZero(difference)) return posted;
  const reason =
    `${moneyToWire(total).amount} ${sourceCurrency} at ${rate} is ${moneyToWire(postedTotal).amount} ${currency}; ` +
    `its lines, each converted, add up to ${moneyToWire(postedSum).amount} ${currency}`;
  return [...posted, { kind: 'rounding', ruleId: lines[0].ruleId, consumerCostCenterId: null, amount: moneyToWire(difference), reason }];
};

/** Each consumer's total over the lines (allocated lines only), consumers in order of first appearance. */
export const totalsByConsumer = (lines: readonly AllocationLine[]): { consumerCostCenterId: string; amount: WireMoney }[] => {
  const totals = new Map<string, Money>();
  for (const line of lines) {
    if (line.kind !== 'allocated') continue;
    const amount = moneyFromWire(line.amount);
    const before = totals.get(line.consumerCostCenterId);
    totals.set(line.consumerCostCenterId, before === undefined ? amount : sum([before, amount], currencyCodeOf(amount)));
  }
  return [...totals].map(([consumerCostCenterId, amount]) => ({ consumerCostCenterId, amount: moneyToWire(amount) }));
};
