export * from './commands';
export * from './events';
export type { ExchangeRatePair, ExchangeRatePairState, InitialExchangeRatePair } from './state';
export { evolve as evolveExchangeRatePair, initialState as initialExchangeRatePair } from './state';
export { exchangeRateDecider, exchangeRateTableOf } from './decide';
