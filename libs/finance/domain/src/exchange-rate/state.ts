import type { ExchangeRateEvent } from './events';

export interface InitialExchangeRatePair {
  status: 'initial';
}

/** The rates of one currency pair, by day (YYYY-MM-DD → decimal string). */
export interface ExchangeRatePair {
  status: 'set';
  from: string;
  to: string;
  rates: Readonly<Record<string, string>>;
}

export type ExchangeRatePairState = InitialExchangeRatePair | ExchangeRatePair;

export const initialState = (): ExchangeRatePairState => ({ status: 'initial' });

export const evolve = (state: ExchangeRatePairState, event: ExchangeRateEvent): ExchangeRatePairState => {
  const { from, to, date, rate } = event.data;
  const rates = state.status === 'set' ? state.rates : {};
  return { status: 'set', from, to, rates: { ...rates, [date]: rate } };
};
