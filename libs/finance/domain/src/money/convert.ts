import { calculator, convert as dineroConvert, halfEven, transformScale } from 'dinero.js/bigint';
import { currencyOf } from './currency';
import { parsePositiveDecimal, powerOfTen } from './decimal';
import type { Money } from './money';

/**
 * `money` in currency `to` at `rate` (a decimal string: units of `to` per unit of the money's currency, "1.0834"
 * USD per EUR). dinero.js multiplies exactly (the scale grows by the rate's decimals); the product is then rounded
 * once to `to`'s minor unit, half to even. A same-currency conversion needs the rate "1" like any other.
 */
export const convert = (money: Money, rate: string, to: string): Money => {
  const target = currencyOf(to);
  const { amount, scale } = parsePositiveDecimal(rate, 'The exchange rate');
  const exact = dineroConvert(money, target, { [target.code]: { amount, scale } });
  return transformScale(exact, target.exponent, halfEven);
};

/**
 * `convert` on minor units, without dinero objects (a period converts thousands of sums): the same exact product and
 * the same one rounding to `to`'s minor unit (dinero.js's `halfEven`), so the same result to the unit.
 */
export const convertMinorUnits = (minorUnits: bigint, from: string, rate: string, to: string): bigint => minorUnitsConverter(from, rate, to)(minorUnits);

/**
 * `convertMinorUnits` with the rate parsed once: a period converts tens of thousands of sums and statement lines at
 * the few rates of its days.
 */
export const minorUnitsConverter = (from: string, rate: string, to: string): ((minorUnits: bigint) => bigint) => {
  const { amount, scale } = parsePositiveDecimal(rate, 'The exchange rate');
  const excessDigits = BigInt(currencyOf(from).exponent) + scale - BigInt(currencyOf(to).exponent);
  if (excessDigits <= 0n) {
    const factor = amount * powerOfTen(-excessDigits);
    return (minorUnits) => minorUnits * factor;
  }
  const divisor = powerOfTen(excessDigits);
  return (minorUnits) => halfEven(minorUnits * amount, divisor, calculator);
};
