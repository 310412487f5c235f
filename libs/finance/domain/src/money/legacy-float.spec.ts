import { decimalStringFromFloat, moneyFromLegacyFloat } from './legacy-float';
import { InvalidMoney } from './money-errors';
import { moneyToWire } from './money';

describe('legacy floats at the boundary', () => {
  it.each([
    [12.5, 'EUR', '12.50'],
    [0.1, 'EUR', '0.10'],
    [1.005, 'EUR', '1.00'],
    [1.015, 'EUR', '1.02'],
    [12.345, 'EUR', '12.34'],
    [12.355, 'EUR', '12.36'],
    [1234.5, 'JPY', '1234'],
    [1235.5, 'JPY', '1236'],
    [0.0005, 'BHD', '0.000'],
    [1e21, 'EUR', '1000000000000000000000.00'],
    [-2.5, 'EUR', '-2.50'],
  ])('%p %s is the decimal it was written as, rounded once half to even: %s', (value, currency, amount) => {
    expect(moneyToWire(moneyFromLegacyFloat(value, currency))).toEqual({ amount, currency });
  });
  it('keeps a unit rate exactly as written, finer than the minor unit', () => {
    expect(decimalStringFromFloat(0.0023, 'The unit rate')).toBe('0.0023');
    expect(decimalStringFromFloat(1.5e-7, 'The unit rate')).toBe('0.00000015');
    expect(decimalStringFromFloat(42, 'The unit rate')).toBe('42');
  });
  it('refuses what is not a finite number', () => {
    expect(() => moneyFromLegacyFloat(Number.NaN, 'EUR')).toThrow(InvalidMoney);
    expect(() => moneyFromLegacyFloat(Number.POSITIVE_INFINITY, 'EUR')).toThrow(InvalidMoney);
  });
});
