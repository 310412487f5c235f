import { onCommonScale, parseUnsignedDecimal, type ScaledDecimal } from './decimal';
import { currencyCodeOf, fromMinorUnits, minorUnitsOf, type Money } from './money';
import { InvalidAllocation, InvalidMoney } from './money-errors';

/** A share of an allocation: a non-negative whole number (3, 120) or a decimal string ("33.33", "0.5"). */
export type Ratio = number | string;

/** Reads ratios exactly; each one on the scale of the one with the most decimals, so "33.33" and "1" add up. */
export const ratiosToWholeNumbers = (ratios: readonly Ratio[]): bigint[] => {
  if (ratios.length === 0) throw new InvalidAllocation('An allocation needs at least one ratio');
  const decimals = ratios.map((ratio, index): ScaledDecimal => {
    if (typeof ratio === 'number') {
      if (!Number.isSafeInteger(ratio) || ratio < 0) throw new InvalidAllocation(`Ratio ${index + 1} (${ratio}) must be a whole number of 0 or more, or a decimal string`);
      return { amount: BigInt(ratio), scale: 0n };
    }
    try {
      return parseUnsignedDecimal(ratio, `Ratio ${index + 1}`);
    } catch (error) {
      if (error instanceof InvalidMoney) throw new InvalidAllocation(error.reason);
      throw error;
    }
  });
  const whole = onCommonScale(decimals);
  if (whole.every((ratio) => ratio === 0n)) throw new InvalidAllocation('The ratios must not all be zero');
  return whole;
};

/**
 * Splits `total` into one part per ratio with the largest remainder method (Hamilton's), on whole minor units:
 *
 * 1. each line gets the floor of its exact share, |total| × ratio / Σ ratios;
 * 2. the minor units left over (fewer than the number of lines) go one each to the lines with the largest
 *    remainders of that division; **on equal remainders the line earlier in the given order goes first**.
 *
 * So the parts always add up to `total` exactly, each differs from its exact share by less than one minor unit,
 * a zero ratio gets zero, and the same input gives the same parts. A negative total is split as its absolute
 * value and every part negated (a credit splits like the charge it reverses). dinero.js's own `allocate` is not
 * used: it hands leftover units to the largest ratios rather than the largest remainders, and answers decimal
 * ratios at a finer scale than the currency's minor unit. Ratios: see `Ratio`; all zero, none or a negative one
 * is InvalidAllocation.
 */
export const allocate = (total: Money, ratios: readonly Ratio[]): Money[] => {
  const currency = currencyCodeOf(total);
  return allocateMinorUnits(minorUnitsOf(total), ratios).map((part) => fromMinorUnits(part, currency));
};

/** `allocate` on minor units (the same rule and checks), for hot loops that need no dinero object per part. */
export const allocateMinorUnits = (total: bigint, ratios: readonly Ratio[]): bigint[] => allocateByWeights(total, ratiosToWholeNumbers(ratios));

/**
 * `allocateMinorUnits` on ratios already read as whole numbers on one scale (`onCommonScale`), not all zero: the
 * allocation engine has its shares as decimals and would otherwise write them out and read them back.
 */
export const allocateByWeights = (total: bigint, weights: readonly bigint[]): bigint[] => {
  const sign = total < 0n ? -1n : 1n;
  return largestRemainder(total * sign, weights).map((part) => part * sign);
};

/** The minor units of each share; `amount` ≥ 0, `weights` ≥ 0 with a positive sum. Exported for the specs. */
export const largestRemainder = (amount: bigint, weights: readonly bigint[]): bigint[] => {
  const totalWeight = weights.reduce((a, b) => a + b, 0n);
  const floors = weights.map((weight) => (amount * weight) / totalWeight);
  const remainders = weights.map((weight) => (amount * weight) % totalWeight);
  let leftOver = amount - floors.reduce((a, b) => a + b, 0n);
  // Largest remainder first; equal remainders in the given order (the index breaks the tie, so the sort is total).
  const order = weights.map((_, index) => index).sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  const parts = [...floors];
  for (const index of order) {
    if (leftOver === 0n) break;
    parts[index] += 1n;
    leftOver -= 1n;
  }
  return parts;
};
