import { RuleViolation } from '@itsm/event-sourcing';
import { InvalidMoney, money, moneyToWire } from '../money';
import { exchangeRateTable, NoExchangeRate, rateOn, toReportingCurrency } from './exchange-rates';

const table = exchangeRateTable([
  { from: 'USD', to: 'EUR', date: '2026-03-03', rate: '0.9250' },
  { from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.9234' },
  { from: 'USD', to: 'EUR', date: '2026-03-06', rate: '0.9301' },
  { from: 'JPY', to: 'EUR', date: '2026-03-02', rate: '0.00615' },
]);

describe('exchange rates', () => {
  it.each([
    ['2026-03-02', '0.9234', '2026-03-02'],
    ['2026-03-03', '0.9250', '2026-03-03'],
    ['2026-03-05', '0.9250', '2026-03-03'], // no rate that day: the latest before it
    ['2026-03-06', '0.9301', '2026-03-06'],
    ['2027-01-01', '0.9301', '2026-03-06'],
  ])('a USD posting on %s converts at %s (the rate of %s)', (day, rate, date) => {
    expect(rateOn(table, 'USD', 'EUR', day)).toEqual({ from: 'USD', to: 'EUR', date, rate });
  });

  it('has no rate before the first one, nor for a pair it does not hold, nor the other way round: a typed error', () => {
    expect(() => rateOn(table, 'USD', 'EUR', '2026-03-01')).toThrow(NoExchangeRate);
    expect(() => rateOn(table, 'USD', 'EUR', '2026-03-01')).toThrow('No exchange rate from USD to EUR on or before 2026-03-01');
    expect(() => rateOn(table, 'GBP', 'EUR', '2026-03-05')).toThrow(NoExchangeRate);
    expect(() => rateOn(table, 'EUR', 'USD', '2026-03-05')).toThrow(NoExchangeRate);
  });

  it('converts a currency to itself at 1 on any day', () => {
    expect(rateOn(table, 'EUR', 'EUR', '1999-01-01')).toEqual({ from: 'EUR', to: 'EUR', date: '1999-01-01', rate: '1' });
  });

  it('shows an amount and what it is in the reporting currency, at the rate of its posting day, rounded once', () => {
    const shown = toReportingCurrency(table, money('1234.56', 'USD'), 'EUR', '2026-03-04');
    expect([moneyToWire(shown.amount), moneyToWire(shown.reporting), shown.rate, shown.rateDate]).toEqual([
      { amount: '1234.56', currency: 'USD' },
      { amount: '1141.97', currency: 'EUR' }, // 1234.56 × 0.9250 (the rate of 03-03) = 1141.968
      '0.9250',
      '2026-03-03',
    ]);
  });

  it('refuses a table with an unknown currency, a bad day, a rate of zero, a pair to itself, or two rates on one day', () => {
    expect(() => exchangeRateTable([{ from: 'USD', to: 'EURO', date: '2026-03-02', rate: '1' }])).toThrow(InvalidMoney);
    expect(() => exchangeRateTable([{ from: 'USD', to: 'EUR', date: '2026-02-30', rate: '1' }])).toThrow(/"2026-02-30" is not a day/);
    expect(() => exchangeRateTable([{ from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0' }])).toThrow('The rate from USD to EUR on 2026-03-02 must be more than zero');
    expect(() => exchangeRateTable([{ from: 'EUR', to: 'EUR', date: '2026-03-02', rate: '1' }])).toThrow(RuleViolation);
    expect(() =>
      exchangeRateTable([
        { from: 'USD', to: 'EUR', date: '2026-03-02', rate: '1' },
        { from: 'USD', to: 'EUR', date: '2026-03-02', rate: '2' },
      ]),
    ).toThrow('There are two rates from USD to EUR on 2026-03-02');
  });
});
