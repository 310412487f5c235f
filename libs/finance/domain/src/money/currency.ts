import type { DineroCurrency } from 'dinero.js/bigint';
import * as DINERO_CURRENCIES from 'dinero.js/bigint/currencies';
import { InvalidMoney } from './money-errors';

export type Currency = DineroCurrency<bigint>;

/**
 * The ISO 4217 currencies of dinero.js's table that have a decimal minor unit. MGA and MRU are left out: dinero.js
 * gives them base 5 (1 ariary = 5 iraimbilanja), which a decimal string such as "1.2" cannot state.
 */
const CURRENCIES: ReadonlyMap<string, Currency> = new Map(
  Object.values(DINERO_CURRENCIES as Record<string, Currency>)
    .filter((currency) => currency.base === 10n)
    .map((currency) => [currency.code, currency]),
);

/** Every currency code money can be in, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.freeze([...CURRENCIES.keys()].sort());

export const isKnownCurrency = (code: unknown): code is string => typeof code === 'string' && CURRENCIES.has(code);

/** The currency of an ISO 4217 code (upper case, as on the wire); an unknown code is InvalidMoney. */
export const currencyOf = (code: string): Currency => {
  const currency = typeof code === 'string' ? CURRENCIES.get(code) : undefined;
  if (currency === undefined) throw new InvalidMoney(`"${String(code)}" is not an ISO 4217 currency code this platform knows (EUR, USD, JPY, …)`);
  return currency;
};

/** The number of decimal places of the currency's minor unit: EUR 2, JPY 0, BHD 3. */
export const exponentOf = (code: string): number => Number(currencyOf(code).exponent);
