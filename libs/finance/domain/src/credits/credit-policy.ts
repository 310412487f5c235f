import { PRIORITIES, SLA_TIMER_KINDS, type Priority, type SlaTimerKind } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import {
  currencyCodeOf,
  CurrencyMismatch,
  decimalToString,
  InvalidMoney,
  isNegative,
  maximum,
  minimum,
  parseUnsignedDecimal,
  percentOf,
  subtract,
  zeroMoney,
  type Money,
} from '../money';
import { requireId } from '../shared/guards';

/** One tier: a breach of `timerKind` on an incident of `priority` credits `percentOfMonthlyFee` of the monthly fee. */
export interface CreditTier {
  priority: Priority;
  timerKind: SlaTimerKind;
  /** A decimal string ("10", "2.5"), more than 0 and at most 100. */
  percentOfMonthlyFee: string;
}

/** The service credits of one offering: its tiers, and the most all credits of a period may add up to. */
export interface CreditPolicy {
  offeringId: string;
  tiers: CreditTier[];
  /** The cap per consumer and period, as a percentage of the monthly fee (more than 0, at most 100). */
  capPercentOfMonthlyFee: string;
}

/** A breached SLA timer, as the incidents context publishes it. */
export interface SlaBreach {
  priority: Priority;
  timerKind: SlaTimerKind;
}

const requirePercent = (text: string, what: string): string => {
  let decimal;
  try {
    decimal = parseUnsignedDecimal(text, what);
  } catch (error) {
    if (error instanceof InvalidMoney) throw new RuleViolation(error.reason);
    throw error;
  }
  if (decimal.amount === 0n || decimal.amount > 100n * 10n ** decimal.scale) throw new RuleViolation(`${what} must be more than 0 and at most 100, not ${text}`);
  return decimalToString(decimal);
};

/** The policy checked and written canonically: known priorities and timer kinds, one tier each, percentages in (0, 100]. */
export const requireCreditPolicy = (policy: CreditPolicy): CreditPolicy => {
  const offeringId = requireId(policy.offeringId, 'The offering');
  const seen = new Set<string>();
  const tiers = (policy.tiers ?? []).map((tier) => {
    if (!PRIORITIES.includes(tier.priority)) throw new RuleViolation(`A tier's priority must be one of ${PRIORITIES.join(', ')}, not ${String(tier.priority)}`);
    if (!SLA_TIMER_KINDS.includes(tier.timerKind)) throw new RuleViolation(`A tier's timer must be one of ${SLA_TIMER_KINDS.join(', ')}, not ${String(tier.timerKind)}`);
    const key = `${tier.priority}/${tier.timerKind}`;
    if (seen.has(key)) throw new RuleViolation(`The ${tier.timerKind} breach of ${tier.priority} has two tiers`);
    seen.add(key);
    return { priority: tier.priority, timerKind: tier.timerKind, percentOfMonthlyFee: requirePercent(tier.percentOfMonthlyFee, `The credit of ${key}`) };
  });
  return { offeringId, tiers, capPercentOfMonthlyFee: requirePercent(policy.capPercentOfMonthlyFee, 'The cap') };
};

/**
 * The service credit one breach earns a consumer: its tier's percentage of the monthly fee (rounded once, half to
 * even), but never more than what is left of the period's cap after `alreadyCreditedThisPeriod`. No tier for the
 * breach, or the cap used up: zero. All amounts in the fee's currency.
 */
export const creditFor = (policy: CreditPolicy, breach: SlaBreach, monthlyFee: Money, alreadyCreditedThisPeriod: Money): Money => {
  const checked = requireCreditPolicy(policy);
  const currency = currencyCodeOf(monthlyFee);
  if (currencyCodeOf(alreadyCreditedThisPeriod) !== currency) {
    throw new CurrencyMismatch(currency, currencyCodeOf(alreadyCreditedThisPeriod), 'The credits already given');
  }
  if (isNegative(monthlyFee)) throw new RuleViolation('The monthly fee must not be negative');
  if (isNegative(alreadyCreditedThisPeriod)) throw new RuleViolation('The credits already given must not be negative');
  const tier = checked.tiers.find((candidate) => candidate.priority === breach.priority && candidate.timerKind === breach.timerKind);
  if (tier === undefined) return zeroMoney(currency);
  const credit = percentOf(monthlyFee, tier.percentOfMonthlyFee);
  const cap = percentOf(monthlyFee, checked.capPercentOfMonthlyFee);
  const leftUnderCap = maximum(subtract(cap, alreadyCreditedThisPeriod), zeroMoney(currency));
  return minimum(credit, leftUnderCap);
};
