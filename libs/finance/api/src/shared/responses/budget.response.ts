import { ApiProperty } from '@nestjs/swagger';
import { budgetStatus, moneyFromWire, moneyToWire, runRateForecast, subtract, type Budget } from '@itsm/finance-domain';
import type { BudgetView } from '../finance-read-models.port';
import { MoneyResponse } from './money.response';

/** A budget with its figures on the day of the request (its ETag is the stream revision). */
export class BudgetResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  costCenterId!: string;

  @ApiProperty({ example: '2026-03', description: 'A month (2026-03) or a quarter (2026-Q1)' })
  period!: string;

  @ApiProperty({ example: 'EUR', description: 'The cost center’s: every amount below is in it' })
  currency!: string;

  @ApiProperty({ type: MoneyResponse })
  planned!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Promised, not yet spent (purchase orders, contracts)' })
  committed!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Spent' })
  actual!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'planned − committed − actual' })
  available!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Run rate: actual ÷ elapsed days × days in the period, rounded once (half to even)' })
  forecast!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'forecast − planned: above zero, heading over' })
  forecastVariance!: MoneyResponse;

  @ApiProperty({ description: 'Days of the period elapsed today (UTC), today included' })
  elapsedDays!: number;

  @ApiProperty()
  daysInPeriod!: number;

  @ApiProperty({ type: [Number], example: [80, 100], description: 'Percentages of planned whose crossing by actual is an event' })
  thresholds!: number[];

  @ApiProperty({ type: [Number], example: [80], description: 'The thresholds actual is at or above now' })
  thresholdsCrossed!: number[];

  @ApiProperty({ format: 'date-time' })
  plannedAt!: string;

  static of(budget: Budget, now: Date): BudgetResponse {
    if (budget.status !== 'planned') throw new Error('A budget that does not exist has no response');
    const status = budgetStatus(budget, now);
    return {
      id: budget.budgetId,
      costCenterId: budget.costCenterId,
      period: budget.period,
      currency: budget.currency,
      planned: status.planned,
      committed: status.committed,
      actual: status.actual,
      available: status.available,
      forecast: status.forecast,
      forecastVariance: status.forecastVariance,
      elapsedDays: status.elapsedDays,
      daysInPeriod: status.daysInPeriod,
      thresholds: budget.thresholds,
      thresholdsCrossed: budget.crossed,
      plannedAt: budget.plannedAt,
    };
  }
}

export class CrossedThresholdResponse {
  @ApiProperty({ example: 80 })
  threshold!: number;

  @ApiProperty({ format: 'date-time' })
  crossedAt!: string;
}

/** A budget in a list: the read model's figures and the forecast of the day of the request. */
export class BudgetListItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  costCenterId!: string;

  @ApiProperty()
  period!: string;

  @ApiProperty({ format: 'date' })
  periodStart!: string;

  @ApiProperty({ format: 'date' })
  periodEnd!: string;

  @ApiProperty()
  currency!: string;

  @ApiProperty({ type: MoneyResponse })
  planned!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  committed!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  actual!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  available!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse })
  forecast!: MoneyResponse;

  @ApiProperty({ type: [Number] })
  thresholds!: number[];

  @ApiProperty({ type: [CrossedThresholdResponse] })
  thresholdsCrossed!: CrossedThresholdResponse[];

  @ApiProperty({ format: 'date-time' })
  plannedAt!: string;

  @ApiProperty()
  revision!: number;

  static ofView(view: BudgetView, now: Date): BudgetListItem {
    const money = (amount: string) => moneyToWire(moneyFromWire({ amount, currency: view.currency }));
    const [planned, committed, actual] = [money(view.planned), money(view.committed), money(view.actual)];
    const available = moneyToWire(subtract(subtract(moneyFromWire(planned), moneyFromWire(committed)), moneyFromWire(actual)));
    return {
      id: view.id,
      costCenterId: view.costCenterId,
      period: view.period,
      periodStart: view.periodStart,
      periodEnd: view.periodEnd,
      currency: view.currency,
      planned,
      committed,
      actual,
      available,
      // The same run-rate rule as GET /budgets/:id (budgetStatus), on the day of the request.
      forecast: runRateForecast(actual, view.period, now),
      thresholds: view.thresholds,
      thresholdsCrossed: view.crossed,
      plannedAt: view.plannedAt,
      revision: view.revision,
    };
  }
}

export class BudgetPageResponse {
  @ApiProperty({ type: [BudgetListItem] })
  items!: BudgetListItem[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
