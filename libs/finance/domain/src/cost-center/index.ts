export * from './commands';
export * from './events';
export type { CostCenter, OpenedCostCenter, ClosedCostCenter, InitialCostCenter } from './state';
export { evolve as evolveCostCenter, initialState as initialCostCenter } from './state';
export { costCenterDecider, COST_CENTER_CODE_PATTERN } from './decide';
