import fc from 'fast-check';
import {
  add,
  compare,
  CurrencyMismatch,
  CURRENCY_CODES,
  currencyOf,
  equals,
  exponentOf,
  fromMinorUnits,
  InvalidMoney,
  isKnownCurrency,
  isNegative,
  isPositive,
  isZero,
  minorUnitsOf,
  money,
  moneyFromWire,
  moneyToWire,
  multiplyByFraction,
  negate,
  percentOf,
  subtract,
  sum,
  zeroMoney,
} from './index';
import { currenciesOfEveryExponent, minorUnits, moneys } from './money.arbitraries';

const wire = (amount: string, currency = 'EUR') => moneyToWire(money(amount, currency));

describe('Money', () => {
  describe('currencies', () => {
    it('knows ISO 4217 codes with their exponents: EUR 2, JPY 0, BHD and KWD 3, CLF 4', () => {
      expect([exponentOf('EUR'), exponentOf('USD'), exponentOf('JPY'), exponentOf('BHD'), exponentOf('KWD'), exponentOf('CLF')]).toEqual([2, 2, 0, 3, 3, 4]);
      expect(CURRENCY_CODES.length).toBeGreaterThan(150);
    });
    it('refuses unknown codes, lower case, and the two currencies dinero.js gives a non-decimal minor unit', () => {
      for (const code of ['EURO', 'eur', 'XXX', '', 'MGA', 'MRU']) {
        expect(isKnownCurrency(code)).toBe(false);
        expect(() => currencyOf(code)).toThrow(InvalidMoney);
      }
    });
  });

  describe('from the wire', () => {
    it.each([
      [{ amount: '1234.56', currency: 'EUR' }, 123456n],
      [{ amount: '1234.5', currency: 'EUR' }, 123450n],
      [{ amount: '1234', currency: 'EUR' }, 123400n],
      [{ amount: '0.01', currency: 'EUR' }, 1n],
      [{ amount: '-0.05', currency: 'EUR' }, -5n],
      [{ amount: '0', currency: 'EUR' }, 0n],
      [{ amount: '1234', currency: 'JPY' }, 1234n],
      [{ amount: '1.234', currency: 'BHD' }, 1234n],
      [{ amount: '-12.5', currency: 'KWD' }, -12500n],
      [{ amount: '999999999999999999999999999999', currency: 'JPY' }, 999999999999999999999999999999n],
    ])('reads %j as %p minor units', (input, units) => {
      const read = moneyFromWire(input);
      expect([minorUnitsOf(read), moneyToWire(read).currency]).toEqual([units, input.currency]);
    });

    it.each([
      [{ amount: 1234.56, currency: 'EUR' }, /must be a decimal string/],
      [{ amount: null, currency: 'EUR' }, /not null/],
      [{ amount: '1234.567', currency: 'EUR' }, 'The amount "1234.567" has more decimal places than EUR has (2)'],
      [{ amount: '12.5', currency: 'JPY' }, /more decimal places than JPY has \(0\)/],
      [{ amount: '1.2345', currency: 'BHD' }, /more decimal places than BHD has \(3\)/],
      [{ amount: '1e3', currency: 'EUR' }, /is not a decimal/],
      [{ amount: '+1', currency: 'EUR' }, /is not a decimal/],
      [{ amount: ' 1', currency: 'EUR' }, /is not a decimal/],
      [{ amount: '01', currency: 'EUR' }, /is not a decimal/],
      [{ amount: '1.', currency: 'EUR' }, /is not a decimal/],
      [{ amount: '.5', currency: 'EUR' }, /is not a decimal/],
      [{ amount: '1,5', currency: 'EUR' }, /is not a decimal/],
      [{ amount: '', currency: 'EUR' }, /is not a decimal/],
      [{ amount: '-0.00', currency: 'EUR' }, /negative zero/],
      [{ amount: '1'.repeat(31), currency: 'JPY' }, /at most 30 digits/],
      [{ amount: '1', currency: 'EURO' }, /not an ISO 4217 currency code/],
      [{ amount: '1' }, /The currency must be an ISO 4217 code/],
      [null, /must be an object/],
      ['1.00 EUR', /must be an object/],
    ])('refuses %j', (input, reason) => {
      let thrown: unknown;
      try {
        moneyFromWire(input);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidMoney);
      expect((thrown as InvalidMoney).reason).toMatch(reason);
    });

    it('writes exactly the currency’s exponent digits', () => {
      expect(wire('1234.5')).toEqual({ amount: '1234.50', currency: 'EUR' });
      expect(wire('-0.05')).toEqual({ amount: '-0.05', currency: 'EUR' });
      expect(wire('0')).toEqual({ amount: '0.00', currency: 'EUR' });
      expect(wire('1234', 'JPY')).toEqual({ amount: '1234', currency: 'JPY' });
      expect(wire('1.2', 'BHD')).toEqual({ amount: '1.200', currency: 'BHD' });
    });

    it('round-trips any money through the wire unchanged (property)', () => {
      fc.assert(
        fc.property(moneys, (amount) => {
          const back = moneyFromWire(JSON.parse(JSON.stringify(moneyToWire(amount))));
          expect(equals(back, amount)).toBe(true);
        }),
      );
    });

    it('writes back every canonical wire amount as it was, and a shorter one padded (property)', () => {
      fc.assert(
        fc.property(minorUnits, currenciesOfEveryExponent, fc.nat({ max: 4 }), (units, currency, dropped) => {
          const canonical = moneyToWire(fromMinorUnits(units, currency));
          expect(moneyToWire(moneyFromWire(canonical))).toEqual(canonical);
          // "12.30" may come as "12.3": the same money (only trailing zeros can go).
          const exponent = exponentOf(currency);
          const zeros = Math.min(dropped, exponent);
          if (zeros === 0 || units % 10n ** BigInt(zeros) !== 0n || units === 0n) return;
          const shorter = canonical.amount.slice(0, -zeros).replace(/\.$/, '');
          expect(moneyToWire(moneyFromWire({ amount: shorter, currency }))).toEqual(canonical);
        }),
      );
    });
  });

  describe('arithmetic', () => {
    it('adds, subtracts, sums and negates exactly', () => {
      expect(moneyToWire(add(money('0.10', 'EUR'), money('0.20', 'EUR')))).toEqual({ amount: '0.30', currency: 'EUR' });
      expect(moneyToWire(subtract(money('1', 'JPY'), money('2', 'JPY')))).toEqual({ amount: '-1', currency: 'JPY' });
      expect(moneyToWire(sum([money('0.001', 'BHD'), money('0.002', 'BHD')], 'BHD'))).toEqual({ amount: '0.003', currency: 'BHD' });
      expect(moneyToWire(sum([], 'KWD'))).toEqual({ amount: '0.000', currency: 'KWD' });
      expect(moneyToWire(negate(money('12.34', 'EUR')))).toEqual({ amount: '-12.34', currency: 'EUR' });
    });

    it('compares and tests the sign', () => {
      expect([compare(money('1', 'EUR'), money('2', 'EUR')), compare(money('2', 'EUR'), money('2.00', 'EUR')), compare(money('3', 'EUR'), money('2', 'EUR'))]).toEqual([-1, 0, 1]);
      expect([isZero(zeroMoney('EUR')), isZero(money('0.01', 'EUR'))]).toEqual([true, false]);
      expect([isNegative(money('-0.01', 'EUR')), isPositive(money('0.01', 'EUR')), isPositive(zeroMoney('EUR'))]).toEqual([true, true, false]);
    });

    it('refuses to mix currencies', () => {
      expect(() => add(money('1', 'EUR'), money('1', 'USD'))).toThrow(CurrencyMismatch);
      expect(() => subtract(money('1', 'EUR'), money('1', 'USD'))).toThrow('The amounts must be in EUR, not USD');
      expect(() => compare(money('1', 'EUR'), money('1', 'JPY'))).toThrow(CurrencyMismatch);
    });

    it('is exact where floats are not (property: a + b − b = a, no drift)', () => {
      fc.assert(
        fc.property(minorUnits, minorUnits, currenciesOfEveryExponent, (a, b, currency) => {
          const [left, right] = [fromMinorUnits(a, currency), fromMinorUnits(b, currency)];
          expect(minorUnitsOf(add(left, right))).toBe(a + b);
          expect(equals(subtract(add(left, right), right), left)).toBe(true);
        }),
      );
    });

    it('takes a percentage and a fraction with one half-to-even rounding', () => {
      expect(moneyToWire(percentOf(money('99.99', 'EUR'), '10'))).toEqual({ amount: '10.00', currency: 'EUR' }); // 9.999
      expect(moneyToWire(percentOf(money('0.25', 'EUR'), '10'))).toEqual({ amount: '0.02', currency: 'EUR' }); // 0.025 → even
      expect(moneyToWire(percentOf(money('0.35', 'EUR'), '10'))).toEqual({ amount: '0.04', currency: 'EUR' }); // 0.035 → even
      expect(moneyToWire(percentOf(money('-0.25', 'EUR'), '10'))).toEqual({ amount: '-0.02', currency: 'EUR' });
      expect(moneyToWire(percentOf(money('1000', 'JPY'), '12.5'))).toEqual({ amount: '125', currency: 'JPY' });
      expect(moneyToWire(multiplyByFraction(money('100.00', 'EUR'), 1n, 3n))).toEqual({ amount: '33.33', currency: 'EUR' });
      expect(moneyToWire(multiplyByFraction(money('100.00', 'EUR'), 2n, 3n))).toEqual({ amount: '66.67', currency: 'EUR' });
      expect(() => multiplyByFraction(money('1', 'EUR'), 1n, 0n)).toThrow(InvalidMoney);
      expect(() => percentOf(money('1', 'EUR'), '-10')).toThrow(InvalidMoney);
    });

    it('rounds a fraction to within half a minor unit, ties to even (property)', () => {
      fc.assert(
        fc.property(minorUnits, fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (units, numerator, denominator) => {
          const rounded = minorUnitsOf(multiplyByFraction(fromMinorUnits(units, 'EUR'), numerator, denominator));
          const error = rounded * denominator - units * numerator; // rounded − exact, times the denominator
          const twice = 2n * (error < 0n ? -error : error);
          expect(twice <= denominator).toBe(true);
          if (twice === denominator) expect(rounded % 2n).toBe(0n);
        }),
      );
    });
  });
});
