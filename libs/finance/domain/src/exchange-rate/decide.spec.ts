import { deciderSpecification, fold, RuleViolation } from '@itsm/event-sourcing';
import { InvalidMoney } from '../money';
import { rateOn } from '../exchange-rates';
import type { SetExchangeRate } from './commands';
import type { ExchangeRateSet } from './events';
import { exchangeRateDecider, exchangeRateTableOf } from './decide';

const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'finance-1', role: 'finance' } };
const set = (data: Partial<SetExchangeRate['data']> = {}): SetExchangeRate => ({
  type: 'SetExchangeRate',
  data: { from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.9230', ...data },
  metadata,
});
const rateSet = (data: Partial<ExchangeRateSet['data']> = {}): ExchangeRateSet => ({
  type: 'ExchangeRateSet',
  data: { from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.923', setAt: now.toISOString(), ...data },
});

const spec = deciderSpecification(exchangeRateDecider, expect);
const given = spec.given.bind(spec);

describe('Exchange-rate pair decider', () => {
  describe('when the pair has no rate yet', () => {
    it('publishes the day’s rate, written canonically', () => {
      given([]).when(set()).then([rateSet()]);
    });
    it('refuses a rate of a currency to itself, an unknown currency, a day that is none and a rate that is not above zero', () => {
      given([]).when(set({ to: 'USD' })).thenThrows(RuleViolation, 'A rate from USD to itself is always 1');
      given([]).when(set({ from: 'XXX1' })).thenThrows(InvalidMoney, /"XXX1"/);
      given([]).when(set({ date: '2026-02-30' })).thenThrows(RuleViolation, /is not a day/);
      given([]).when(set({ rate: '0' })).thenThrows(RuleViolation, /must be more than zero/);
      given([]).when(set({ rate: '1,08' })).thenThrows(RuleViolation, /is not a non-negative decimal/);
    });
  });

  describe('when the pair has rates', () => {
    it('adds another day’s rate', () => {
      given([rateSet()]).when(set({ date: '2026-03-03', rate: '0.925' })).then([rateSet({ date: '2026-03-03', rate: '0.925' })]);
    });
    it('records nothing for the same rate of the same day, and refuses another rate for it', () => {
      given([rateSet()]).when(set({ rate: '0.92300' })).thenNothingHappens();
      given([rateSet()]).when(set({ rate: '0.93' })).thenThrows(RuleViolation, 'The rate from USD to EUR on 2026-03-02 is already published (0.923) and is not changed');
    });
    it('refuses a rate of another pair on the stream', () => {
      given([rateSet()]).when(set({ from: 'GBP' })).thenThrows(RuleViolation, /holds the rates from USD to EUR/);
    });
    it('answers the rate of a posting day from the latest day on or before it', () => {
      const pair = fold(exchangeRateDecider, [rateSet(), rateSet({ date: '2026-03-05', rate: '0.91' })]);
      expect(rateOn(exchangeRateTableOf(pair), 'USD', 'EUR', '2026-03-04')).toEqual({ from: 'USD', to: 'EUR', date: '2026-03-02', rate: '0.923' });
      expect(rateOn(exchangeRateTableOf(pair), 'USD', 'EUR', '2026-03-31').rate).toBe('0.91');
    });
  });
});
