import { fold } from '@itsm/event-sourcing';
import { budgetDecider } from './decide';
import { budgetStatus, elapsedDays, runRateForecast } from './forecast';
import { committed, eur, planned, spent } from './budget.builders';

const at = (iso: string) => new Date(iso);

describe('run-rate forecast', () => {
  it.each([
    ['2026-12', '2026-11-30T23:59:59Z', 0],
    ['2026-12', '2026-12-01T00:00:00Z', 1],
    ['2026-12', '2026-12-10T09:30:00Z', 10],
    ['2026-12', '2026-12-31T23:59:59Z', 31],
    ['2026-12', '2027-01-15T00:00:00Z', 31],
    ['2026-02', '2026-02-28T12:00:00Z', 28],
    ['2028-02', '2028-02-29T12:00:00Z', 29],
    ['2026-Q4', '2026-11-01T00:00:00Z', 32],
    ['2026-Q4', '2027-01-01T00:00:00Z', 92],
    ['2026-Q1', '2026-03-31T00:00:00Z', 90],
  ])('in %s on %s, %p days have elapsed (the day of now counts)', (period, now, days) => {
    expect(elapsedDays(period, at(now))).toBe(days);
  });

  it.each([
    ['1000.00', '2026-12', '2026-12-10T09:30:00Z', '3100.00'], // 1000 / 10 × 31
    ['100.00', '2026-12', '2026-12-03T00:00:00Z', '1033.33'], // 1033.333…
    ['0.01', '2026-12', '2026-12-03T00:00:00Z', '0.10'], // 0.10333…
    ['0.02', '2026-12', '2026-12-04T00:00:00Z', '0.16'], // 0.155 → even
    ['0.06', '2026-12', '2026-12-04T00:00:00Z', '0.46'], // 0.465 → even
    ['500.00', '2026-12', '2026-11-15T00:00:00Z', '500.00'], // before the period: no run rate yet
    ['500.00', '2026-12', '2027-02-01T00:00:00Z', '500.00'], // after it: the actual amount is the outcome
    ['920.00', '2026-Q4', '2026-10-10T00:00:00Z', '8464.00'], // 920 / 10 × 92
    ['-10.00', '2026-12', '2026-12-31T00:00:00Z', '-10.00'],
  ])('actual %s in %s on %s runs to %s', (actual, period, now, forecast) => {
    expect(runRateForecast(eur(actual), period, at(now))).toEqual(eur(forecast));
  });

  it('shows a budget’s planned, committed, actual, available and forecast amounts on a day', () => {
    const budget = fold(budgetDecider, [planned(), committed('300.00', '300.00'), spent('400.00', '400.00')]);
    expect(budgetStatus(budget, at('2026-12-10T09:30:00Z'))).toEqual({
      period: '2026-12',
      planned: eur('1000.00'),
      committed: eur('300.00'),
      actual: eur('400.00'),
      available: eur('300.00'),
      forecast: eur('1240.00'),
      forecastVariance: eur('240.00'),
      elapsedDays: 10,
      daysInPeriod: 31,
    });
    expect(() => budgetStatus(budgetDecider.initialState(), at('2026-12-10T00:00:00Z'))).toThrow('The budget is not planned yet');
  });
});
