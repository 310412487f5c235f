import fc from 'fast-check';
import { convert, exponentOf, fromMinorUnits, InvalidMoney, minorUnitsOf, money, moneyToWire } from './index';
import { currenciesOfEveryExponent, decimalStrings, minorUnits } from './money.arbitraries';

const converted = (amount: string, from: string, rate: string, to: string) => moneyToWire(convert(money(amount, from), rate, to));

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

/** A rate string's exact value as amount / 10^scale. */
const rateParts = (rate: string): [bigint, bigint] => {
  const [whole, fraction = ''] = rate.split('.');
  return [BigInt(whole + fraction), 10n ** BigInt(fraction.length)];
};

describe('convert: exact product, one rounding to the target’s minor unit, half to even', () => {
  it.each([
    ['100.00', 'EUR', '1.0834', 'USD', '108.34'],
    ['123.45', 'EUR', '162.50', 'JPY', '20061'], // 20060.625 → 20061
    ['0.01', 'EUR', '0.5', 'USD', '0.00'], // 0.005 → even 0.00
    ['0.03', 'EUR', '0.5', 'USD', '0.02'], // 0.015 → even 0.02
    ['-0.03', 'EUR', '0.5', 'USD', '-0.02'],
    ['150', 'JPY', '0.006', 'EUR', '0.90'],
    ['1', 'JPY', '0.0065', 'EUR', '0.01'], // 0.0065 → 0.01 (above half)
    ['10.00', 'EUR', '0.4123', 'BHD', '4.123'],
    ['1.234', 'KWD', '3.25', 'USD', '4.01'], // 4.0105 → 4.01
    ['5.00', 'EUR', '1', 'EUR', '5.00'],
  ])('%s %s at %s is %s %s', (amount, from, rate, to, expected) => {
    expect(converted(amount, from, rate, to)).toEqual({ amount: expected, currency: to });
  });

  it.each([['0'], ['-1'], ['1e3'], ['abc'], [''], ['1.']])('refuses the rate %p', (rate) => {
    expect(() => convert(money('1', 'EUR'), rate, 'USD')).toThrow(InvalidMoney);
  });

  it('refuses an unknown target currency', () => {
    expect(() => convert(money('1', 'EUR'), '1', 'XYZ')).toThrow(/"XYZ" is not an ISO 4217 currency code/);
  });

  describe('for any amount, rate and currencies (properties)', () => {
    it('rounds once: the result is within half a target minor unit of the exact product, ties to even', () => {
      fc.assert(
        fc.property(minorUnits, currenciesOfEveryExponent, currenciesOfEveryExponent, decimalStrings(10n ** 8n, 6).filter((rate) => Number(rate) > 0), (units, from, to, rate) => {
          const result = minorUnitsOf(convert(fromMinorUnits(units, from), rate, to));
          const [rateAmount, rateDenominator] = rateParts(rate);
          // exact = units × rate × 10^exp(to) / 10^exp(from), in target minor units: compare over one denominator.
          const denominator = rateDenominator * 10n ** BigInt(exponentOf(from));
          const exactTimesDenominator = units * rateAmount * 10n ** BigInt(exponentOf(to));
          const twice = 2n * abs(result * denominator - exactTimesDenominator);
          expect(twice <= denominator).toBe(true);
          if (twice === denominator) expect(result % 2n).toBe(0n);
        }),
      );
    });

    it('round-trips within one minor unit, there at a rate and back at its inverse, when the target unit is no coarser', () => {
      fc.assert(
        fc.property(
          fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
          currenciesOfEveryExponent,
          currenciesOfEveryExponent,
          decimalStrings(10n ** 8n, 6).filter((rate) => Number(rate) > 0),
          (units, from, to, rate) => {
            const [rateAmount, rateDenominator] = rateParts(rate);
            // Only where one source minor unit is worth at least one target minor unit: rounding there loses < ½ source unit.
            fc.pre(rateAmount * 10n ** BigInt(exponentOf(to)) >= rateDenominator * 10n ** BigInt(exponentOf(from)));
            const places = 40n;
            const inverseDigits = (rateDenominator * 10n ** places) / rateAmount; // 1 / rate, to 40 places
            const inverse = `${inverseDigits / 10n ** places}.${(inverseDigits % 10n ** places).toString().padStart(Number(places), '0')}`;
            const there = convert(fromMinorUnits(units, from), rate, to);
            const back = minorUnitsOf(convert(there, inverse, from));
            expect(abs(back - units) <= 1n).toBe(true);
          },
        ),
      );
    });
  });
});
