export * from './commands';
export * from './events';
export type { AllocationRuleState, DefinedAllocationRule, InitialAllocationRule } from './state';
export { evolve as evolveAllocationRule, initialState as initialAllocationRule } from './state';
export { allocationRuleDecider } from './decide';
