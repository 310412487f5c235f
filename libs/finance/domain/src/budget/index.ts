export * from './commands';
export * from './events';
export type { Budget, PlannedBudget, InitialBudget } from './state';
export { evolve as evolveBudget, initialState as initialBudget } from './state';
export { budgetDecider, DEFAULT_BUDGET_THRESHOLDS, hasReached } from './decide';
export * from './forecast';
