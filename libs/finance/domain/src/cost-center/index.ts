export * from './commands';
export * from './events';
export type { CostCenter, OpenedCostCenter, InitialCostCenter } from './state';
export { evolve as evolveCostCenter, initialState as initialCostCenter } from './state';
export { costCenterDecider, NAME_MAX_LENGTH } from './decide';
