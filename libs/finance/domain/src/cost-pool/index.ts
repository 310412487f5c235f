export * from './commands';
export * from './events';
export type { CostPool, OpenedCostPool, InitialCostPool } from './state';
export { evolve as evolveCostPool, initialState as initialCostPool } from './state';
export { costPoolDecider } from './decide';
