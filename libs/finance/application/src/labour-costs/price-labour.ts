import { RuleViolation } from '@itsm/event-sourcing';
import { add, currencyCodeOf, labourCost, moneyFromWire, moneyToWire, rateAt, type Money, type RateCard, type WireMoney } from '@itsm/finance-domain';
import type { LoggedWork } from '../ports/finance-incidents.port';

/** Logged work with its price: minutes × the role's hourly rate of the rate-card version in effect on the day. */
export interface PricedWork extends LoggedWork {
  /** Rounded once, half to even, to the minor unit; null when the card cannot price it (`problem` says why). */
  cost: WireMoney | null;
  rateCardVersion: number | null;
  problem: string | null;
}

/** Labour per service and currency. */
export interface LabourTotal {
  serviceId: string;
  minutes: number;
  cost: WireMoney;
}

/**
 * Prices each work log with the rate card (the version in effect on the log's day, the rate of its role). Work the
 * card cannot price (a day before its first version, a role it has no rate for) is kept with its problem, so that a
 * report shows it rather than silently dropping minutes.
 */
export const priceLabour = (work: readonly LoggedWork[], card: RateCard): PricedWork[] =>
  work.map((entry) => {
    try {
      const version = rateAt(card, entry.loggedOn);
      return { ...entry, cost: moneyToWire(labourCost(version, entry.role, entry.minutes)), rateCardVersion: version.version, problem: null };
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      return { ...entry, cost: null, rateCardVersion: null, problem: error.message };
    }
  });

/** The priced work's totals per service and currency, by service id then currency. */
export const labourTotals = (priced: readonly PricedWork[]): LabourTotal[] => {
  const totals = new Map<string, { serviceId: string; minutes: number; cost: Money }>();
  for (const entry of priced) {
    if (entry.cost === null) continue;
    const cost = moneyFromWire(entry.cost);
    const key = `${entry.serviceId}/${currencyCodeOf(cost)}`;
    const known = totals.get(key);
    totals.set(key, known === undefined ? { serviceId: entry.serviceId, minutes: entry.minutes, cost } : { ...known, minutes: known.minutes + entry.minutes, cost: add(known.cost, cost) });
  }
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, total]) => ({ serviceId: total.serviceId, minutes: total.minutes, cost: moneyToWire(total.cost) }));
};
