export * from './commands';
export * from './events';
export type { RateCard, RateCardVersion, CreatedRateCard, InitialRateCard } from './state';
export { evolve as evolveRateCard, initialState as initialRateCard } from './state';
export { rateCardDecider } from './decide';
export * from './rate-at';
