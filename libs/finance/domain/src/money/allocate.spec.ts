import fc from 'fast-check';
import { allocate, fromMinorUnits, InvalidAllocation, minorUnitsOf, money, moneyToWire, type Ratio } from './index';
import { currenciesOfEveryExponent, minorUnits, ratioLists } from './money.arbitraries';

const amountsOf = (total: string, currency: string, ratios: Ratio[]) => allocate(money(total, currency), ratios).map((part) => moneyToWire(part).amount);

/** The ratios as exact fractions over one denominator, read independently of the module ("33.33" → 3333 / 100). */
const exactWeights = (ratios: readonly Ratio[]): bigint[] => {
  const places = Math.max(0, ...ratios.map((ratio) => (typeof ratio === 'string' && ratio.includes('.') ? ratio.split('.')[1].length : 0)));
  return ratios.map((ratio) => {
    const [whole, fraction = ''] = String(ratio).split('.');
    return BigInt(whole + fraction.padEnd(places, '0'));
  });
};

const abs = (value: bigint): bigint => (value < 0n ? -value : value);

describe('allocate: largest remainder, ties to the earlier line', () => {
  it.each([
    ['100.00', 'EUR', [1, 1, 1], ['33.34', '33.33', '33.33']],
    ['0.02', 'EUR', [1, 1, 1], ['0.01', '0.01', '0.00']],
    ['100.00', 'EUR', ['33.33', '33.33', '33.34'], ['33.33', '33.33', '33.34']],
    ['10.00', 'EUR', ['33.33', '33.33', '33.34'], ['3.33', '3.33', '3.34']],
    // Exact shares 0.333, 0.333, 0.334 → floors 0.33, 0.33, 0.33; the one cent left goes to the largest remainder (line 3).
    ['1.00', 'EUR', ['33.3', '33.3', '33.4'], ['0.33', '0.33', '0.34']],
    // 5 / 3 = 1.67 | 3.33: remainders 2/3 and 1/3 → the larger remainder (line 1) takes the cent, not the larger ratio.
    ['0.05', 'EUR', [1, 2], ['0.02', '0.03']],
    ['0.07', 'EUR', [2, 5], ['0.02', '0.05']],
    ['1', 'JPY', [1, 1], ['1', '0']],
    ['1000', 'JPY', [1, 2, 3, 4], ['100', '200', '300', '400']],
    ['0.010', 'BHD', [1, 1, 1], ['0.004', '0.003', '0.003']],
    ['-100.00', 'EUR', [1, 1, 1], ['-33.34', '-33.33', '-33.33']],
    ['100.00', 'EUR', [0, 1, 0], ['0.00', '100.00', '0.00']],
    ['0.00', 'EUR', [1, 2], ['0.00', '0.00']],
    ['100.00', 'EUR', ['0.5', 1], ['33.33', '66.67']],
  ] as [string, string, Ratio[], string[]][])('splits %s %s by %j into %j', (total, currency, ratios, parts) => {
    expect(amountsOf(total, currency, ratios)).toEqual(parts);
  });

  it('breaks ties by order: the earlier line takes the unit, whichever order the lines come in', () => {
    expect(amountsOf('0.01', 'EUR', [1, 1])).toEqual(['0.01', '0.00']);
    expect(amountsOf('0.02', 'EUR', [1, 1, 1])).toEqual(['0.01', '0.01', '0.00']);
    // Ratios 7 and 1 of 10 on 0.05: both remainders are 5, one cent is left, and it goes to the earlier line.
    expect(amountsOf('0.05', 'EUR', [2, 7, 1])).toEqual(['0.01', '0.04', '0.00']);
    expect(amountsOf('0.05', 'EUR', [2, 1, 7])).toEqual(['0.01', '0.01', '0.03']);
  });

  it.each([
    [[], 'An allocation needs at least one ratio'],
    [[0, 0], 'The ratios must not all be zero'],
    [['0', '0.00'], 'The ratios must not all be zero'],
    [[-1, 2], /Ratio 1 \(-1\) must be a whole number of 0 or more/],
    [[1.5, 2], /Ratio 1 \(1.5\) must be a whole number/],
    [[Number.NaN], /Ratio 1 \(NaN\)/],
    [[1, '-1'], /Ratio 2 "-1" is not a non-negative decimal/],
    [[1, '1e2'], /Ratio 2 "1e2"/],
    [[1, '33,3'], /Ratio 2 "33,3"/],
  ] as [Ratio[], string | RegExp][])('refuses ratios %j', (ratios, reason) => {
    expect(() => allocate(money('100', 'EUR'), ratios)).toThrow(InvalidAllocation);
    expect(() => allocate(money('100', 'EUR'), ratios)).toThrow(reason);
  });

  describe('for any amount, currency and ratios (properties)', () => {
    const inputs = fc.tuple(minorUnits, currenciesOfEveryExponent, ratioLists);

    it('the parts add up exactly to the total, in its currency: no unit lost or invented', () => {
      fc.assert(
        fc.property(inputs, ([units, currency, ratios]) => {
          const parts = allocate(fromMinorUnits(units, currency), ratios);
          expect(parts).toHaveLength(ratios.length);
          expect(parts.reduce((total, part) => total + minorUnitsOf(part), 0n)).toBe(units);
          for (const part of parts) expect(moneyToWire(part).currency).toBe(currency);
        }),
      );
    });

    it('each part differs from its exact share by less than one minor unit, and a zero ratio gets zero', () => {
      fc.assert(
        fc.property(inputs, ([units, currency, ratios]) => {
          const weights = exactWeights(ratios);
          const totalWeight = weights.reduce((a, b) => a + b, 0n);
          allocate(fromMinorUnits(units, currency), ratios).forEach((part, index) => {
            // |part − units × w / W| < 1  ⇔  |part × W − units × w| < W
            expect(abs(minorUnitsOf(part) * totalWeight - units * weights[index]) < totalWeight).toBe(true);
            if (weights[index] === 0n) expect(minorUnitsOf(part)).toBe(0n);
          });
        }),
      );
    });

    it('is deterministic: the same input gives the same parts', () => {
      fc.assert(
        fc.property(inputs, ([units, currency, ratios]) => {
          const once = allocate(fromMinorUnits(units, currency), ratios).map(minorUnitsOf);
          const again = allocate(fromMinorUnits(units, currency), [...ratios]).map(minorUnitsOf);
          expect(again).toEqual(once);
        }),
      );
    });

    it('is consistent under any reordering: only lines tied on their remainder trade the unit, the earlier first', () => {
      const reordered = inputs.chain(([units, currency, ratios]) =>
        fc.tuple(fc.constant(units), fc.constant(currency), fc.constant(ratios), fc.shuffledSubarray(ratios.map((_, index) => index), { minLength: ratios.length })),
      );
      /** Per line: the remainder of its exact share and whether it took one of the left-over units. */
      const analyse = (units: bigint, ratios: Ratio[], parts: bigint[]) => {
        const weights = exactWeights(ratios);
        const totalWeight = weights.reduce((a, b) => a + b, 0n);
        return parts.map((part, line) => ({
          remainder: (abs(units) * weights[line]) % totalWeight,
          extra: abs(part) - (abs(units) * weights[line]) / totalWeight,
        }));
      };
      fc.assert(
        fc.property(reordered, ([units, currency, ratios, order]) => {
          const permutedRatios = order.map((line) => ratios[line]);
          const original = allocate(fromMinorUnits(units, currency), ratios).map(minorUnitsOf);
          const permuted = allocate(fromMinorUnits(units, currency), permutedRatios).map(minorUnitsOf);

          const lines = analyse(units, ratios, original);
          order.forEach((line, position) => {
            const tied = lines.some((other, index) => index !== line && other.remainder === lines[line].remainder);
            if (!tied) expect(permuted[position]).toBe(original[line]);
          });
          for (const analysed of [lines, analyse(units, permutedRatios, permuted)]) {
            analysed.forEach((earlier, a) =>
              analysed.slice(a + 1).forEach((later) => {
                if (earlier.remainder === later.remainder) expect(earlier.extra >= later.extra).toBe(true);
              }),
            );
          }
        }),
      );
    });
  });
});
