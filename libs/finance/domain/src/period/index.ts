export * from './commands';
export * from './events';
export type { PeriodState } from './state';
export { evolve as evolvePeriod, initialState as initialPeriod } from './state';
export { periodDecider, requirePeriodMonth, nextPeriod } from './decide';
export * from './statement';
export * from './compute-period';
export * from './canonical-json';
