export * from './commands';
export * from './events';
export type { CreditLine, NoCredits, PeriodServiceCredits, ServiceCreditsState } from './state';
export { evolve as evolveServiceCredits, initialState as initialServiceCredits } from './state';
export { creditPeriodOf, serviceCreditsDecider } from './decide';
