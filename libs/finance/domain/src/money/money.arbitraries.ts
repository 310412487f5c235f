import fc from 'fast-check';
import { CURRENCY_CODES, exponentOf } from './currency';
import { fromMinorUnits, type Money } from './money';

/*
 * fast-check arbitraries the money specs share (no spec of their own: they only generate). Every currency of the
 * table takes part, so exponents 0 (JPY), 2 (EUR), 3 (BHD, KWD) and 4 (CLF) are all drawn.
 */

export const currencies = fc.constantFrom(...CURRENCY_CODES);

/** Currencies picked so that every exponent is drawn often, not just the many 2s. */
export const currenciesOfEveryExponent = fc.oneof(currencies, fc.constantFrom('JPY', 'KRW', 'BHD', 'KWD', 'TND', 'CLF', 'UYW'));

/** Up to 10^18 minor units either side of zero, with small amounts drawn often. */
export const minorUnits = fc.oneof(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: -1000n, max: 1000n }));

export const moneys: fc.Arbitrary<Money> = fc.tuple(minorUnits, currenciesOfEveryExponent).map(([units, currency]) => fromMinorUnits(units, currency));

/** A decimal string of up to `maxScale` places ("0", "12", "33.33", "0.0050"). */
export const decimalStrings = (maxValue = 10n ** 9n, maxScale = 4): fc.Arbitrary<string> =>
  fc.tuple(fc.bigInt({ min: 0n, max: maxValue }), fc.integer({ min: 0, max: maxScale })).map(([digits, scale]) => {
    if (scale === 0) return digits.toString();
    const text = digits.toString().padStart(scale + 1, '0');
    return `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  });

/** Ratios as an allocation takes them: whole numbers and decimal strings, not all zero. */
export const ratioLists = fc
  .array(fc.oneof(fc.nat({ max: 1_000_000 }), fc.nat({ max: 5 }), decimalStrings(), fc.constantFrom('33.33', '33.34', '0', '1')), { minLength: 1, maxLength: 12 })
  .filter((ratios) => ratios.some((ratio) => Number(ratio) > 0));

/** The exponent of a currency as a bigint power of ten. */
export const minorUnitFactor = (currency: string): bigint => 10n ** BigInt(exponentOf(currency));
