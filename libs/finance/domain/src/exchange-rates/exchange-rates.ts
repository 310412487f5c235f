import { RuleViolation } from '@itsm/event-sourcing';
import { convert, currencyCodeOf, currencyOf, parsePositiveDecimal, type Money } from '../money';
import { requireCalendarDay } from '../shared/calendar-day';

/** One published rate: on `date`, one unit of `from` is worth `rate` units of `to`. */
export interface ExchangeRate {
  from: string;
  to: string;
  /** YYYY-MM-DD. */
  date: string;
  /** A decimal string above zero ("1.0834"). */
  rate: string;
}

/** The rate history, per currency pair, oldest day first. Build it with `exchangeRateTable`. */
export interface ExchangeRateTable {
  readonly byPair: ReadonlyMap<string, readonly ExchangeRate[]>;
}

/** No rate of the pair on or before the day: the posting cannot be converted yet. */
export class NoExchangeRate extends RuleViolation {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly day: string,
  ) {
    super(`No exchange rate from ${from} to ${to} on or before ${day}`);
  }
}

const pairOf = (from: string, to: string): string => `${from}/${to}`;

/**
 * The table of `rates`, each checked (known currencies, a day, a rate above zero); two rates of one pair on one day
 * are refused (which one applies would be a guess). Only the direction given is known: EUR→USD does not answer
 * USD→EUR, because 1 / rate is rarely a finite decimal and would be a second rounding.
 */
export const exchangeRateTable = (rates: readonly ExchangeRate[]): ExchangeRateTable => {
  const byPair = new Map<string, ExchangeRate[]>();
  for (const entry of rates) {
    const from = currencyOf(entry.from).code;
    const to = currencyOf(entry.to).code;
    if (from === to) throw new RuleViolation(`A rate from ${from} to itself is always 1`);
    const date = requireCalendarDay(entry.date, 'The rate day');
    parsePositiveDecimal(entry.rate, `The rate from ${from} to ${to} on ${date}`);
    const pair = byPair.get(pairOf(from, to)) ?? [];
    if (pair.some((known) => known.date === date)) throw new RuleViolation(`There are two rates from ${from} to ${to} on ${date}`);
    byPair.set(pairOf(from, to), [...pair, { from, to, date, rate: entry.rate }]);
  }
  for (const pair of byPair.values()) pair.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { byPair };
};

/**
 * The rate of a posting day: the latest rate of the pair on or before `day` (weekends and holidays take the last
 * business day's). A currency to itself is "1" on every day. None: `NoExchangeRate`.
 */
export const rateOn = (table: ExchangeRateTable, from: string, to: string, day: string): ExchangeRate => {
  requireCalendarDay(day, 'The posting day');
  if (currencyOf(from).code === currencyOf(to).code) return { from, to, date: day, rate: '1' };
  const rates = table.byPair.get(pairOf(from, to)) ?? [];
  const latest = rates.filter((rate) => rate.date <= day).at(-1);
  if (latest === undefined) throw new NoExchangeRate(from, to, day);
  return latest;
};

/** An amount and what it is in the reporting currency: statements show both. */
export interface InReportingCurrency {
  amount: Money;
  reporting: Money;
  /** The rate used, and its day. */
  rate: string;
  rateDate: string;
}

/** `amount` converted once (half to even) at the rate of `postingDay`. */
export const toReportingCurrency = (table: ExchangeRateTable, amount: Money, reportingCurrency: string, postingDay: string): InReportingCurrency => {
  const rate = rateOn(table, currencyCodeOf(amount), reportingCurrency, postingDay);
  return { amount, reporting: convert(amount, rate.rate, reportingCurrency), rate: rate.rate, rateDate: rate.date };
};
