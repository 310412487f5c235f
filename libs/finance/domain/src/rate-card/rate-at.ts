import { RuleViolation } from '@itsm/event-sourcing';
import { moneyFromWire, multiplyByFraction, parseUnsignedDecimal, powerOfTen, type Money } from '../money';
import { requireCalendarDay } from '../shared/calendar-day';
import type { RateCard, RateCardVersion } from './state';

/** No version of the rate card is in effect on the day (it is before the first version's effective day). */
export class NoRateInEffect extends RuleViolation {
  constructor(readonly day: string) {
    super(`No rate card version is in effect on ${day}`);
  }
}

/** The version in effect on `day` (YYYY-MM-DD): the one with the latest `effectiveFrom` on or before it. */
export const rateAt = (card: RateCard, day: string): RateCardVersion => {
  requireCalendarDay(day, 'The day');
  const versions = card.status === 'created' ? card.versions : [];
  // Versions are in effective order (the decider refuses any other), so the last one that started is in effect.
  const inEffect = versions.filter((version) => version.effectiveFrom <= day).at(-1);
  if (inEffect === undefined) throw new NoRateInEffect(day);
  return inEffect;
};

/** The hourly rate of `role` in the version; a role the version does not price is a RuleViolation. */
export const roleRateOf = (version: RateCardVersion, role: string): Money => {
  const rate = version.roleRates[role];
  if (rate === undefined) throw new RuleViolation(`Version ${version.version} of the rate card has no rate for role "${role}"`);
  return moneyFromWire(rate);
};

/** The price per unit of `unit` in the version; a unit the version does not price is a RuleViolation. */
export const unitPriceOf = (version: RateCardVersion, unit: string): Money => {
  const price = version.unitPrices[unit];
  if (price === undefined) throw new RuleViolation(`Version ${version.version} of the rate card has no price for unit "${unit}"`);
  return moneyFromWire(price);
};

/** `minutes` of work by `role` at the version's hourly rate, rounded once (half to even) to the minor unit. */
export const labourCost = (version: RateCardVersion, role: string, minutes: number): Money => {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RuleViolation(`Minutes of work must be a whole number of 0 or more, not ${minutes}`);
  return multiplyByFraction(roleRateOf(version, role), BigInt(minutes), 60n);
};

/** `quantity` (a decimal string: "12.5" GB-months) of `unit` at the version's price, rounded once, half to even. */
export const usageCost = (version: RateCardVersion, unit: string, quantity: string): Money => {
  const { amount, scale } = parseUnsignedDecimal(quantity, 'The quantity');
  return multiplyByFraction(unitPriceOf(version, unit), amount, powerOfTen(scale));
};
