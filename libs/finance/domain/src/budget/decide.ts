import type { BudgetConversionV1 } from '@itsm/contracts';
import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import {
  add,
  convert,
  CurrencyMismatch,
  currencyCodeOf,
  currencyOf,
  equals,
  isPositive,
  isZero,
  minorUnitsOf,
  moneyFromWire,
  moneyToWire,
  type Money,
} from '../money';
import { requireCalendarDay } from '../shared/calendar-day';
import { requireId, requireText } from '../shared/guards';
import { isInPeriod, parsePeriod } from '../shared/period';
import type { BudgetCommand, PlanBudget, RecordBudgetActual, RecordBudgetCommitment, RevisePlannedBudget } from './commands';
import type { BudgetEvent } from './events';
import { evolve, initialState, type Budget, type PlannedBudget } from './state';

export const DEFAULT_BUDGET_THRESHOLDS: readonly number[] = Object.freeze([80, 100]);
const MAX_THRESHOLDS = 10;
const MAX_THRESHOLD = 1000;
const SOURCE_MAX_LENGTH = 200;
const REASON_MAX_LENGTH = 500;

export const decide = (command: BudgetCommand, budget: Budget): BudgetEvent[] => {
  switch (command.type) {
    case 'PlanBudget': return plan(command, budget);
    case 'RevisePlannedBudget': return revise(command, budget);
    case 'RecordBudgetActual': return recordActual(command, budget);
    case 'RecordBudgetCommitment': return recordCommitment(command, budget);
    default: return assertNever(command);
  }
};

export const budgetDecider: Decider<BudgetCommand, Budget, BudgetEvent> = { decide, evolve, initialState };

const plan = ({ data, metadata }: PlanBudget, budget: Budget): BudgetEvent[] => {
  if (budget.status !== 'initial') throw new IllegalTransition(`Budget ${budget.budgetId} is already planned`);
  const costCenterId = requireId(data.costCenterId, 'The cost center');
  const period = parsePeriod(data.period).id;
  const currency = currencyOf(data.costCenterCurrency).code;
  const planned = requirePlannedAmount(data.planned, currency);
  const thresholds = requireThresholds(data.thresholds ?? DEFAULT_BUDGET_THRESHOLDS);
  return [
    {
      type: 'BudgetPlanned',
      data: { budgetId: data.budgetId, costCenterId, period, planned: moneyToWire(planned), thresholds, plannedAt: metadata.now.toISOString() },
    },
  ];
};

const revise = ({ data, metadata }: RevisePlannedBudget, budget: Budget): BudgetEvent[] => {
  const planned = requirePlanned(budget);
  const revised = requirePlannedAmount(data.planned, planned.currency);
  const reason = requireText(data.reason, 'The reason', REASON_MAX_LENGTH);
  if (equals(revised, moneyFromWire(planned.planned))) return [];
  const at = metadata.now.toISOString();
  const event: BudgetEvent = {
    type: 'BudgetPlanRevised',
    data: { budgetId: planned.budgetId, planned: moneyToWire(revised), previousPlanned: planned.planned, reason, revisedAt: at },
  };
  return [event, ...thresholdChanges(planned, moneyFromWire(planned.actual), revised, at)];
};

const recordActual = ({ data, metadata }: RecordBudgetActual, budget: Budget): BudgetEvent[] => {
  const planned = requirePlanned(budget);
  const posting = requirePosting(data, planned, 'An actual');
  if (posting === 'already recorded') return [];
  const actual = add(moneyFromWire(planned.actual), posting.amount);
  const at = metadata.now.toISOString();
  const event: BudgetEvent = {
    type: 'BudgetActualRecorded',
    data: { budgetId: planned.budgetId, amount: moneyToWire(posting.amount), actual: moneyToWire(actual), ...posting.facts, recordedAt: at },
  };
  return [event, ...thresholdChanges(planned, actual, moneyFromWire(planned.planned), at)];
};

const recordCommitment = ({ data, metadata }: RecordBudgetCommitment, budget: Budget): BudgetEvent[] => {
  const planned = requirePlanned(budget);
  const posting = requirePosting(data, planned, 'A commitment');
  if (posting === 'already recorded') return [];
  const committed = add(moneyFromWire(planned.committed), posting.amount);
  return [
    {
      type: 'BudgetCommitmentRecorded',
      data: { budgetId: planned.budgetId, amount: moneyToWire(posting.amount), committed: moneyToWire(committed), ...posting.facts, recordedAt: metadata.now.toISOString() },
    },
  ];
};

// --- thresholds --------------------------------------------------------------------------------------------

/** actual ≥ threshold % of planned, compared exactly on minor units (planned is always above zero). */
export const hasReached = (actual: Money, planned: Money, threshold: number): boolean =>
  minorUnitsOf(actual) * 100n >= minorUnitsOf(planned) * BigInt(threshold);

/**
 * Once per crossing: a threshold reached now and not before is crossed (ascending, so one posting that jumps over
 * 80 and 100 says 80 first); one reached before and not now is fallen below (descending), which re-arms it.
 */
const thresholdChanges = (budget: PlannedBudget, actual: Money, planned: Money, at: string): BudgetEvent[] => {
  const reached = budget.thresholds.filter((threshold) => hasReached(actual, planned, threshold));
  const [actualWire, plannedWire] = [moneyToWire(actual), moneyToWire(planned)];
  const crossed: BudgetEvent[] = reached
    .filter((threshold) => !budget.crossed.includes(threshold))
    .map((threshold) => ({ type: 'BudgetThresholdCrossed', data: { budgetId: budget.budgetId, threshold, actual: actualWire, planned: plannedWire, crossedAt: at } }));
  const fell: BudgetEvent[] = [...budget.crossed]
    .filter((threshold) => !reached.includes(threshold))
    .sort((a, b) => b - a)
    .map((threshold) => ({ type: 'BudgetFellBelowThreshold', data: { budgetId: budget.budgetId, threshold, actual: actualWire, planned: plannedWire, fellAt: at } }));
  return [...crossed, ...fell];
};

// --- guards ------------------------------------------------------------------------------------------------

const requirePlanned = (budget: Budget): PlannedBudget => {
  if (budget.status !== 'planned') throw new IllegalTransition('The budget is not planned yet');
  return budget;
};

const requirePlannedAmount = (wire: unknown, currency: string): Money => {
  const planned = moneyFromWire(wire);
  if (currencyCodeOf(planned) !== currency) throw new CurrencyMismatch(currency, currencyCodeOf(planned), 'The planned amount');
  if (!isPositive(planned)) throw new RuleViolation('The planned amount must be more than zero');
  return planned;
};

const requireThresholds = (thresholds: readonly number[]): number[] => {
  if (!Array.isArray(thresholds) || thresholds.length > MAX_THRESHOLDS) throw new RuleViolation(`A budget takes at most ${MAX_THRESHOLDS} thresholds`);
  for (const threshold of thresholds) {
    if (!Number.isInteger(threshold) || threshold < 1 || threshold > MAX_THRESHOLD) {
      throw new RuleViolation(`A threshold must be a whole percentage from 1 to ${MAX_THRESHOLD}, not ${threshold}`);
    }
  }
  const sorted = [...thresholds].sort((a, b) => a - b);
  if (sorted.some((threshold, index) => index > 0 && sorted[index - 1] === threshold)) throw new RuleViolation('A threshold must not be given twice');
  return sorted;
};

interface CheckedPosting {
  amount: Money;
  facts: { postedAt: string; source: string; postingId: string | null; conversion: BudgetConversionV1 | null };
}

/** The posting in the budget's currency (converted once at the given rate), or 'already recorded'. */
const requirePosting = (
  data: RecordBudgetActual['data'],
  budget: PlannedBudget,
  what: 'An actual' | 'A commitment',
): CheckedPosting | 'already recorded' => {
  const postingId = data.postingId === undefined ? null : requireText(data.postingId, 'The posting id', SOURCE_MAX_LENGTH);
  if (postingId !== null && budget.postingIds.includes(postingId)) return 'already recorded';
  const postedAt = requireCalendarDay(data.postedAt, 'The posting day');
  const period = parsePeriod(budget.period);
  if (!isInPeriod(period, postedAt)) throw new RuleViolation(`The posting day ${postedAt} is outside the budget's period ${period.id} (${period.start} to ${period.end})`);
  const source = requireText(data.source, 'The source', SOURCE_MAX_LENGTH);
  const original = moneyFromWire(data.amount);
  if (isZero(original)) throw new RuleViolation(`${what} of zero records nothing`);
  if (currencyCodeOf(original) === budget.currency) {
    if (data.exchangeRate !== undefined) throw new RuleViolation(`A posting in the budget's currency (${budget.currency}) takes no exchange rate`);
    return { amount: original, facts: { postedAt, source, postingId, conversion: null } };
  }
  if (data.exchangeRate === undefined) {
    throw new RuleViolation(`A posting in ${currencyCodeOf(original)} needs the exchange rate to ${budget.currency} of its posting day`);
  }
  const rateDate = requireCalendarDay(data.exchangeRate.rateDate, 'The exchange rate day');
  if (rateDate > postedAt) throw new RuleViolation(`The exchange rate of ${rateDate} is later than the posting day ${postedAt}`);
  const amount = convert(original, data.exchangeRate.rate, budget.currency);
  if (isZero(amount)) throw new RuleViolation(`${what} of ${moneyToWire(original).amount} ${currencyCodeOf(original)} is zero in ${budget.currency} and records nothing`);
  return { amount, facts: { postedAt, source, postingId, conversion: { original: moneyToWire(original), rate: data.exchangeRate.rate, rateDate } } };
};
