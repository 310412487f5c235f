import { RuleViolation } from '@itsm/event-sourcing';
import { moneyFromWire, moneyToWire, multiplyByFraction, subtract, type WireMoney } from '../money';
import { daysBetween, dayOf } from '../shared/calendar-day';
import { parsePeriod } from '../shared/period';
import type { Budget } from './state';

/** Where a budget stands on a day: what was planned, promised and spent, and where the run rate leads. */
export interface BudgetStatus {
  period: string;
  planned: WireMoney;
  committed: WireMoney;
  actual: WireMoney;
  /** planned − committed − actual. */
  available: WireMoney;
  /** The actual run rate carried to the end of the period: actual ÷ elapsed days × days in the period. */
  forecast: WireMoney;
  /** forecast − planned: above zero, the budget is heading over. */
  forecastVariance: WireMoney;
  elapsedDays: number;
  daysInPeriod: number;
}

/**
 * Days of the period elapsed on `now` (UTC), the day of `now` counted as elapsed: 0 before the period, all of them
 * after it.
 */
export const elapsedDays = (periodId: string, now: Date): number => {
  const period = parsePeriod(periodId);
  const today = dayOf(now);
  if (today < period.start) return 0;
  if (today > period.end) return period.days;
  return daysBetween(period.start, today) + 1;
};

/**
 * The run-rate forecast: actual so far ÷ elapsed days × days in the period, rounded once, half to even. Before the
 * period starts (nothing elapsed) the forecast is the actual amount as it is: there is no rate to carry on.
 */
export const runRateForecast = (actual: WireMoney, periodId: string, now: Date): WireMoney => {
  const elapsed = elapsedDays(periodId, now);
  if (elapsed === 0) return moneyToWire(moneyFromWire(actual));
  return moneyToWire(multiplyByFraction(moneyFromWire(actual), BigInt(parsePeriod(periodId).days), BigInt(elapsed)));
};

export const budgetStatus = (budget: Budget, now: Date): BudgetStatus => {
  if (budget.status !== 'planned') throw new RuleViolation('The budget is not planned yet');
  const [planned, committed, actual] = [budget.planned, budget.committed, budget.actual].map(moneyFromWire);
  const forecast = runRateForecast(budget.actual, budget.period, now);
  return {
    period: budget.period,
    planned: budget.planned,
    committed: budget.committed,
    actual: budget.actual,
    available: moneyToWire(subtract(subtract(planned, committed), actual)),
    forecast,
    forecastVariance: moneyToWire(subtract(moneyFromWire(forecast), planned)),
    elapsedDays: elapsedDays(budget.period, now),
    daysInPeriod: parsePeriod(budget.period).days,
  };
};
