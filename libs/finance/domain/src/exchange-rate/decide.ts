import { RuleViolation, type Decider } from '@itsm/event-sourcing';
import { currencyOf, decimalToString, InvalidMoney, parsePositiveDecimal } from '../money';
import { requireCalendarDay } from '../shared/calendar-day';
import { exchangeRateTable, type ExchangeRateTable } from '../exchange-rates';
import type { ExchangeRateCommand, SetExchangeRate } from './commands';
import type { ExchangeRateEvent } from './events';
import { evolve, initialState, type ExchangeRatePairState } from './state';

export const decide = (command: ExchangeRateCommand, pair: ExchangeRatePairState): ExchangeRateEvent[] => setRate(command, pair);

export const exchangeRateDecider: Decider<ExchangeRateCommand, ExchangeRatePairState, ExchangeRateEvent> = { decide, evolve, initialState };

/**
 * A day's rate is published once: the same rate again records nothing, another rate for a day that has one is
 * refused (postings already converted at it keep it; a correction is a new day's rate).
 */
const setRate = ({ data, metadata }: SetExchangeRate, pair: ExchangeRatePairState): ExchangeRateEvent[] => {
  const from = currencyOf(data.from).code;
  const to = currencyOf(data.to).code;
  if (from === to) throw new RuleViolation(`A rate from ${from} to itself is always 1`);
  if (pair.status === 'set' && (pair.from !== from || pair.to !== to)) {
    throw new RuleViolation(`This stream holds the rates from ${pair.from} to ${pair.to}, not from ${from} to ${to}`);
  }
  const date = requireCalendarDay(data.date, 'The rate day');
  const rate = canonicalRate(data.rate, `The rate from ${from} to ${to} on ${date}`);
  const known = pair.status === 'set' ? pair.rates[date] : undefined;
  if (known === rate) return [];
  if (known !== undefined) throw new RuleViolation(`The rate from ${from} to ${to} on ${date} is already published (${known}) and is not changed`);
  return [{ type: 'ExchangeRateSet', data: { from, to, date, rate, setAt: metadata.now.toISOString() } }];
};

const canonicalRate = (rate: string, what: string): string => {
  try {
    return decimalToString(parsePositiveDecimal(rate, what));
  } catch (error) {
    if (error instanceof InvalidMoney) throw new RuleViolation(error.reason);
    throw error;
  }
};

/** The pair's rates as the lookup table of `rateOn` (exchange-rates/). */
export const exchangeRateTableOf = (pair: ExchangeRatePairState): ExchangeRateTable =>
  exchangeRateTable(pair.status === 'set' ? Object.entries(pair.rates).map(([date, rate]) => ({ from: pair.from, to: pair.to, date, rate })) : []);
