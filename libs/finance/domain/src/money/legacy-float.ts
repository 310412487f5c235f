import { decimalToString, type ScaledDecimal } from './decimal';
import { InvalidMoney } from './money-errors';
import { fromMinorUnits, multiplyByFraction, negate, type Money } from './money';
import { exponentOf } from './currency';

// JavaScript's shortest round-trip text of a finite number: "12.5", "0.1", "1e+21", "1.5e-7".
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * The exact decimal a JSON number was written as: the shortest decimal that reads back as the same double, which is
 * what `String(n)` gives (0.1 is "0.1", not 0.1000000000000000055511…). For amounts that legacy events carry as
 * numbers; NaN and the infinities are InvalidMoney.
 */
export const decimalFromFloat = (value: number, what: string): ScaledDecimal & { negative: boolean } => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidMoney(`${what} must be a finite number, not ${String(value)}`);
  const match = NUMBER_TEXT.exec(String(value));
  if (match === null) throw new InvalidMoney(`${what} ${String(value)} is not a decimal number`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  let amount = BigInt(whole + fraction);
  let scale = BigInt(fraction.length) - BigInt(exponent);
  if (scale < 0n) {
    amount *= 10n ** -scale;
    scale = 0n;
  }
  return { amount, scale, negative: sign === '-' && amount !== 0n };
};

/** The decimal string of a legacy JSON number, exactly as written ("0.0023", "12.5", "-3"). */
export const decimalStringFromFloat = (value: number, what: string): string => {
  const { negative, ...decimal } = decimalFromFloat(value, what);
  return `${negative ? '-' : ''}${decimalToString(decimal)}`;
};

/**
 * Money from a legacy JSON number (the catalog's cost model carries `fixedMonthlyCost` as one): the decimal it was
 * written as, rounded once to the currency's minor unit, half to even (12.345 EUR → 12.34, 12.355 → 12.36). The only
 * place a float becomes money; nothing computes with the float itself.
 */
export const moneyFromLegacyFloat = (value: number, currency: string, what = 'The amount'): Money => {
  const { amount, scale, negative } = decimalFromFloat(value, what);
  const exponent = BigInt(exponentOf(currency));
  const rounded = multiplyByFraction(fromMinorUnits(amount, currency), 10n ** exponent, 10n ** scale);
  return negative ? negate(rounded) : rounded;
};
