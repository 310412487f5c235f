import { assertNever } from '@itsm/event-sourcing';
import { moneyToWire, zeroMoney, type WireMoney } from '../money';
import type { BudgetEvent } from './events';

export interface InitialBudget {
  status: 'initial';
}

export interface PlannedBudget {
  status: 'planned';
  budgetId: string;
  costCenterId: string;
  period: string;
  /** The budget's currency: every amount below is in it. */
  currency: string;
  planned: WireMoney;
  committed: WireMoney;
  actual: WireMoney;
  /** Ascending percentages of `planned`. */
  thresholds: number[];
  /** The thresholds the actual amount is at or above now (crossed, and not fallen below since). */
  crossed: number[];
  /** Poster ids already recorded, so that a repeated posting records nothing. */
  postingIds: string[];
  plannedAt: string;
}

export type Budget = InitialBudget | PlannedBudget;

export const initialState = (): Budget => ({ status: 'initial' });

export const evolve = (state: Budget, event: BudgetEvent): Budget => {
  if (event.type === 'BudgetPlanned') {
    const { planned } = event.data;
    const zero = moneyToWire(zeroMoney(planned.currency));
    return { status: 'planned', ...event.data, currency: planned.currency, committed: zero, actual: zero, crossed: [], postingIds: [] };
  }
  if (state.status !== 'planned') return state;
  switch (event.type) {
    case 'BudgetPlanRevised':
      return { ...state, planned: event.data.planned };
    case 'BudgetActualRecorded':
      return { ...state, actual: event.data.actual, postingIds: withPostingId(state.postingIds, event.data.postingId) };
    case 'BudgetCommitmentRecorded':
      return { ...state, committed: event.data.committed, postingIds: withPostingId(state.postingIds, event.data.postingId) };
    case 'BudgetThresholdCrossed':
      return { ...state, crossed: [...state.crossed, event.data.threshold].sort((a, b) => a - b) };
    case 'BudgetFellBelowThreshold':
      return { ...state, crossed: state.crossed.filter((threshold) => threshold !== event.data.threshold) };
    default:
      return assertNever(event);
  }
};

const withPostingId = (ids: string[], id: string | null): string[] => (id === null ? ids : [...ids, id]);
