import { financeEntityIdOf, RATE_CARD_EVENT_TYPES, type RateCardCreatedV1, type RateCardVersionPublishedV1 } from '@itsm/contracts';
import { defineProjection, type TableNames } from '@itsm/projections';

export type RateCardListTables = TableNames<'finance_rate_cards' | 'finance_rate_card_versions'>;

/** One row per rate card (with its latest version's day and currency) and one per published version. */
export const rateCardListProjection = defineProjection<'finance_rate_cards' | 'finance_rate_card_versions'>({
  name: 'finance_rate_cards',
  eventTypes: RATE_CARD_EVENT_TYPES,
  tables: ['finance_rate_cards', 'finance_rate_card_versions'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_rate_cards} (
      rate_card_id uuid PRIMARY KEY,
      name text NOT NULL,
      created_at timestamptz NOT NULL,
      version_count integer NOT NULL,
      latest_effective_from date,
      latest_currency text,
      revision integer NOT NULL
    );
    CREATE INDEX ON ${t.finance_rate_cards} (name, rate_card_id);
    CREATE TABLE ${t.finance_rate_card_versions} (
      rate_card_id uuid NOT NULL,
      version integer NOT NULL,
      effective_from date NOT NULL,
      currency text NOT NULL,
      role_rates jsonb NOT NULL,
      unit_prices jsonb NOT NULL,
      published_at timestamptz NOT NULL,
      PRIMARY KEY (rate_card_id, version)
    );`,
  apply: async (tx, event, t) => {
    const id = financeEntityIdOf(event.streamId);
    if (event.type === 'RateCardCreated') {
      const data = event.data as RateCardCreatedV1;
      await tx.query(
        `INSERT INTO ${t.finance_rate_cards} (rate_card_id, name, created_at, version_count, revision) VALUES ($1, $2, $3, 0, $4) ON CONFLICT (rate_card_id) DO NOTHING`,
        [id, data.name, data.createdAt, event.streamRevision],
      );
    } else if (event.type === 'RateCardVersionPublished') {
      const data = event.data as RateCardVersionPublishedV1;
      await tx.query(
        `INSERT INTO ${t.finance_rate_card_versions} (rate_card_id, version, effective_from, currency, role_rates, unit_prices, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [id, data.version, data.effectiveFrom, data.currency, JSON.stringify(data.roleRates), JSON.stringify(data.unitPrices), data.publishedAt],
      );
      await tx.query(
        `UPDATE ${t.finance_rate_cards} SET version_count = $3, latest_effective_from = $4, latest_currency = $5, revision = $2 WHERE rate_card_id = $1 AND revision < $2`,
        [id, event.streamRevision, data.version, data.effectiveFrom, data.currency],
      );
    }
  },
});
