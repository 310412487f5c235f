import { InvalidMoney } from './money-errors';

/** An exact decimal: `amount / 10^scale` (dinero.js's scaled amount shape). */
export interface ScaledDecimal {
  amount: bigint;
  scale: bigint;
}

// Plain decimal notation only: no sign, exponent, spaces, leading zeros or a bare point.
const UNSIGNED_DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** Longer than any real rate or ratio, short enough that nobody sends a megabyte of digits. */
export const MAX_DECIMAL_LENGTH = 64;

/**
 * Reads a non-negative decimal string ("33.33", "1.0834", "80") exactly; `what` names it in the refusal.
 * Trailing zeros are kept in the scale ("1.50" is 150 / 10^2): the value is the same.
 */
export const parseUnsignedDecimal = (text: unknown, what: string): ScaledDecimal => {
  if (typeof text !== 'string') throw new InvalidMoney(`${what} must be a decimal string such as "12.5", not ${typeof text}`);
  if (text.length > MAX_DECIMAL_LENGTH) throw new InvalidMoney(`${what} must be at most ${MAX_DECIMAL_LENGTH} characters`);
  const match = UNSIGNED_DECIMAL.exec(text);
  if (match === null) throw new InvalidMoney(`${what} "${text}" is not a non-negative decimal such as "12.5"`);
  const fraction = match[2] ?? '';
  return { amount: BigInt(match[1] + fraction), scale: BigInt(fraction.length) };
};

/** A decimal that must be more than zero (an exchange rate). */
export const parsePositiveDecimal = (text: unknown, what: string): ScaledDecimal => {
  const decimal = parseUnsignedDecimal(text, what);
  if (decimal.amount === 0n) throw new InvalidMoney(`${what} must be more than zero`);
  return decimal;
};

/** 10^exponent as a bigint. */
export const powerOfTen = (exponent: bigint): bigint => 10n ** exponent;

/** Both decimals on their larger scale, so that their amounts compare and add exactly. */
export const onCommonScale = (decimals: readonly ScaledDecimal[]): bigint[] => {
  const scale = decimals.reduce((max, { scale }) => (scale > max ? scale : max), 0n);
  return decimals.map(({ amount, scale: own }) => (own === scale ? amount : amount * powerOfTen(scale - own)));
};

/** The decimal's canonical text: no trailing fraction zeros ("33.30" → "33.3", "80.0" → "80"). */
export const decimalToString = ({ amount, scale }: ScaledDecimal): string => {
  const digits = amount.toString().padStart(Number(scale) + 1, '0');
  const whole = digits.slice(0, digits.length - Number(scale));
  const fraction = digits.slice(digits.length - Number(scale)).replace(/0+$/, '');
  return fraction.length === 0 ? whole : `${whole}.${fraction}`;
};
