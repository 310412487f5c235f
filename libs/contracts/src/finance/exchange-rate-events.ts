import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the exchange-rate stream (`exchange-rate-<uuid>`): one stream per currency pair, the uuid
 * derived from the pair (`from/to`), holding the pair's daily rates. Schema version 1 unless
 * `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise; days YYYY-MM-DD, times ISO-8601 UTC strings.
 */

/** On `date`, one unit of `from` is worth `rate` units of `to`. A published day's rate is never changed. */
export interface ExchangeRateSetV1 {
  from: string;
  to: string;
  date: string;
  /** A decimal string above zero ("1.0834"), as given (trailing zeros dropped). */
  rate: string;
  setAt: string;
}

export type ExchangeRateSet = DomainEvent<'ExchangeRateSet', ExchangeRateSetV1>;

export type ExchangeRateEvent = ExchangeRateSet;
export type ExchangeRateEventType = ExchangeRateEvent['type'];
export const EXCHANGE_RATE_EVENT_TYPES: readonly ExchangeRateEventType[] = ['ExchangeRateSet'];
