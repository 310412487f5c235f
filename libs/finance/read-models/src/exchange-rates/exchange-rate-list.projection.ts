import { EXCHANGE_RATE_EVENT_TYPES, type ExchangeRateSetV1 } from '@itsm/contracts';
import { defineProjection, type TableNames } from '@itsm/projections';

export type ExchangeRateListTables = TableNames<'finance_exchange_rates'>;

/** One row per pair and day. A day's rate is never changed, so any order of events gives the same rows. */
export const exchangeRateListProjection = defineProjection<'finance_exchange_rates'>({
  name: 'finance_exchange_rates',
  eventTypes: EXCHANGE_RATE_EVENT_TYPES,
  tables: ['finance_exchange_rates'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_exchange_rates} (
      from_currency text NOT NULL,
      to_currency text NOT NULL,
      day date NOT NULL,
      rate text NOT NULL,
      set_at timestamptz NOT NULL,
      PRIMARY KEY (from_currency, to_currency, day)
    );
    CREATE INDEX ON ${t.finance_exchange_rates} (day, from_currency, to_currency);`,
  apply: async (tx, event, t) => {
    if (event.type !== 'ExchangeRateSet') return;
    const { from, to, date, rate, setAt } = event.data as ExchangeRateSetV1;
    await tx.query(
      `INSERT INTO ${t.finance_exchange_rates} (from_currency, to_currency, day, rate, set_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [from, to, date, rate, setAt],
    );
  },
});
