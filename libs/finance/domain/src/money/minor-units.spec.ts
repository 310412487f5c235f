import fc from 'fast-check';
import { convert, convertMinorUnits, fromMinorUnits, InvalidMoney, minorUnitsOf, minorUnitsToWire, moneyToWire } from './index';
import { currenciesOfEveryExponent, decimalStrings, minorUnits } from './money.arbitraries';

/*
 * The minor-unit fast paths a period's hot loops use instead of dinero objects must give exactly what the dinero.js
 * paths give: the same wire text, the same converted unit.
 */
describe('minor-unit fast paths agree with dinero.js', () => {
  it('minorUnitsToWire writes what moneyToWire writes, for any amount and currency', () => {
    fc.assert(fc.property(minorUnits, currenciesOfEveryExponent, (units, currency) => {
      expect(minorUnitsToWire(units, currency)).toEqual(moneyToWire(fromMinorUnits(units, currency)));
    }));
    expect([minorUnitsToWire(-1n, 'EUR'), minorUnitsToWire(0n, 'EUR'), minorUnitsToWire(1234n, 'JPY'), minorUnitsToWire(-5n, 'BHD')].map((m) => m.amount)).toEqual(['-0.01', '0.00', '1234', '-0.005']);
  });

  it('convertMinorUnits gives the unit convert gives (one rounding, half to even), for any amount, rate and currencies', () => {
    fc.assert(
      fc.property(minorUnits, currenciesOfEveryExponent, currenciesOfEveryExponent, decimalStrings(10n ** 8n, 6).filter((rate) => Number(rate) > 0), (units, from, to, rate) => {
        expect(convertMinorUnits(units, from, rate, to)).toBe(minorUnitsOf(convert(fromMinorUnits(units, from), rate, to)));
      }),
    );
    // Half a cent: to the even cent, either side of zero.
    expect([convertMinorUnits(5n, 'EUR', '0.5', 'USD'), convertMinorUnits(15n, 'EUR', '0.5', 'USD'), convertMinorUnits(-5n, 'EUR', '0.5', 'USD')]).toEqual([2n, 8n, -2n]);
  });

  it('refuses what convert and moneyToWire refuse: an unknown currency, a rate that is not a positive decimal', () => {
    expect(() => minorUnitsToWire(1n, 'XXX1')).toThrow(InvalidMoney);
    expect(() => convertMinorUnits(1n, 'EUR', '0', 'USD')).toThrow(InvalidMoney);
    expect(() => convertMinorUnits(1n, 'EUR', '1.5', 'NOPE')).toThrow(InvalidMoney);
  });
});
