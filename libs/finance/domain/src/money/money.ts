import type { MoneyV1 } from '@itsm/contracts';
import {
  add as dineroAdd,
  calculator,
  compare as dineroCompare,
  dinero,
  halfEven,
  isNegative as dineroIsNegative,
  isPositive as dineroIsPositive,
  isZero as dineroIsZero,
  subtract as dineroSubtract,
  toDecimal,
  toSnapshot,
  type Dinero,
} from 'dinero.js/bigint';
import { currencyOf } from './currency';
import { parseUnsignedDecimal, powerOfTen } from './decimal';
import { CurrencyMismatch, InvalidMoney } from './money-errors';

/**
 * An exact amount: a dinero.js bigint object whose scale is always its currency's ISO 4217 exponent, so that its
 * amount is a whole number of minor units (cents, yen, fils). Only this module's functions make Money.
 */
export type Money = Dinero<bigint>;

/** Money on the wire and in events: `{ amount: "1234.56", currency: "EUR" }`, a decimal string, never a float. */
export type WireMoney = MoneyV1;

// Optional minus, no leading zeros, digits after the point only when there is one.
const WIRE_AMOUNT = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** More digits than any real amount (10^30 minor units), few enough that nobody sends a megabyte of them. */
export const MAX_AMOUNT_DIGITS = 30;

/** Money of `minorUnits` minor units of the currency (12345n EUR is 123.45 EUR). */
export const fromMinorUnits = (minorUnits: bigint, currency: string): Money => dinero({ amount: minorUnits, currency: currencyOf(currency) });

export const zeroMoney = (currency: string): Money => fromMinorUnits(0n, currency);

/** The whole number of minor units of the amount. */
export const minorUnitsOf = (money: Money): bigint => toSnapshot(money).amount;

export const currencyCodeOf = (money: Money): string => toSnapshot(money).currency.code;

/**
 * Reads wire money strictly: a known currency code and a plain decimal string with at most the currency's
 * exponent digits after the point ("1234.5" and "1234.50" are EUR 1234.50; "1234.567" EUR, "12.5" JPY, "1e3",
 * "+1", " 1", "01", "1." and "-0" are refused). Anything else is InvalidMoney with the reason.
 */
export const moneyFromWire = (wire: unknown): Money => {
  if (typeof wire !== 'object' || wire === null) throw new InvalidMoney('Money must be an object { amount, currency }');
  const { amount, currency } = wire as Record<string, unknown>;
  if (typeof currency !== 'string') throw new InvalidMoney('The currency must be an ISO 4217 code such as "EUR"');
  const known = currencyOf(currency);
  if (typeof amount !== 'string') throw new InvalidMoney(`The amount must be a decimal string such as "1234.56", not ${amount === null ? 'null' : typeof amount}`);
  const match = WIRE_AMOUNT.exec(amount);
  if (match === null) throw new InvalidMoney(`The amount "${amount.slice(0, 40)}" is not a decimal such as "1234.56"`);
  const [, sign, whole, fraction = ''] = match;
  if (whole.length + fraction.length > MAX_AMOUNT_DIGITS) throw new InvalidMoney(`The amount must have at most ${MAX_AMOUNT_DIGITS} digits`);
  const exponent = Number(known.exponent);
  if (fraction.length > exponent) {
    throw new InvalidMoney(`The amount "${amount}" has more decimal places than ${currency} has (${exponent})`);
  }
  const minorUnits = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (sign === '-' && minorUnits === 0n) throw new InvalidMoney(`The amount "${amount}" is a negative zero: write "${whole}${fraction ? '.' + fraction : ''}"`);
  return dinero({ amount: sign === '-' ? -minorUnits : minorUnits, currency: known });
};

/** The canonical wire form: exactly the currency's exponent digits after the point ("1234.50" EUR, "1234" JPY). */
export const moneyToWire = (money: Money): WireMoney => ({ amount: toDecimal(money), currency: currencyCodeOf(money) });

/**
 * The wire form of `minorUnits` of `currency` without building a dinero object: the very text `moneyToWire` writes
 * (the currency's decimals, "-0.01", "0.00", no point for JPY). For hot loops (a period's tens of thousands of
 * allocation lines); an unknown currency is InvalidMoney as everywhere.
 */
export const minorUnitsToWire = (minorUnits: bigint, currency: string): WireMoney => {
  const exponent = Number(currencyOf(currency).exponent);
  const negative = minorUnits < 0n;
  const digits = (negative ? -minorUnits : minorUnits).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const amount = exponent === 0 ? whole : `${whole}.${digits.slice(digits.length - exponent)}`;
  return { amount: negative ? `-${amount}` : amount, currency };
};

/** Money from an amount string and a currency code, as `moneyFromWire` reads them. */
export const money = (amount: string, currency: string): Money => moneyFromWire({ amount, currency });

const sameCurrency = (a: Money, b: Money, context?: string): void => {
  const [left, right] = [currencyCodeOf(a), currencyCodeOf(b)];
  if (left !== right) throw new CurrencyMismatch(left, right, context);
};

export const add = (a: Money, b: Money): Money => {
  sameCurrency(a, b);
  return dineroAdd(a, b);
};

export const subtract = (a: Money, b: Money): Money => {
  sameCurrency(a, b);
  return dineroSubtract(a, b);
};

/** The sum of amounts of one currency (zero of `currency` for none). */
export const sum = (amounts: readonly Money[], currency: string): Money => amounts.reduce(add, zeroMoney(currency));

export const negate = (money: Money): Money => fromMinorUnits(-minorUnitsOf(money), currencyCodeOf(money));

/** -1, 0 or 1 as `a` is less than, equal to or more than `b` (same currency only). */
export const compare = (a: Money, b: Money): -1 | 0 | 1 => {
  sameCurrency(a, b);
  return dineroCompare(a, b) as -1 | 0 | 1;
};

export const isZero = (money: Money): boolean => dineroIsZero(money);
export const isNegative = (money: Money): boolean => dineroIsNegative(money);
export const isPositive = (money: Money): boolean => dineroIsPositive(money);

/** Same currency and same amount. */
export const equals = (a: Money, b: Money): boolean => currencyCodeOf(a) === currencyCodeOf(b) && minorUnitsOf(a) === minorUnitsOf(b);

export const minimum = (a: Money, b: Money): Money => (compare(a, b) <= 0 ? a : b);
export const maximum = (a: Money, b: Money): Money => (compare(a, b) >= 0 ? a : b);

/**
 * `money × numerator / denominator`, rounded once to the minor unit, half to even (banker's rounding, dinero.js's
 * `halfEven`): 0.5 cent goes to the even cent, so that many roundings do not drift one way.
 */
export const multiplyByFraction = (money: Money, numerator: bigint, denominator: bigint): Money => {
  if (denominator <= 0n) throw new InvalidMoney('A fraction of an amount needs a denominator above zero');
  const product = minorUnitsOf(money) * numerator;
  return fromMinorUnits(halfEven(product, denominator, calculator), currencyCodeOf(money));
};

/** `percent` ("10", "12.5") of the amount, rounded once, half to even. */
export const percentOf = (money: Money, percent: string): Money => {
  const { amount, scale } = parseUnsignedDecimal(percent, 'A percentage');
  return multiplyByFraction(money, amount, 100n * powerOfTen(scale));
};
