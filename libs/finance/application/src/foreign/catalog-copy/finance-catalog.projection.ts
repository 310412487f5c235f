import type { ServiceEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { decimalStringFromFloat, moneyFromLegacyFloat, moneyToWire } from '@itsm/finance-domain';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';

export type FinanceCatalogTable = 'finance_catalog_services' | 'finance_catalog_offerings';
export type FinanceCatalogTables = TableNames<FinanceCatalogTable>;

export const FINANCE_CATALOG_PROJECTION = 'finance_catalog';
/** Schema of finance's catalog copy: the projection runtime's default, where every finance host runs it. */
export const FINANCE_CATALOG_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

/**
 * Finance's own copy of the catalog, built only from the catalog's published events (the log embedded,
 * `itsm.catalog.events.v1` distributed): each service's number, name and lifecycle, its cost model, and its
 * offerings. Every row comes from its service's stream, so per-stream order (Kafka) gives the same rows as the log.
 *
 * The cost model arrives as JSON numbers (`ServiceCostModelSet` v1, a legacy float shape). It is converted here,
 * once: `fixedMonthlyCost` to money (the decimal it was written as, rounded half to even to the minor unit),
 * `unitRate` to the exact decimal string it was written as. A model finance cannot read (an unknown currency, a
 * non-finite number) is kept as a problem on the service rather than stopping the copy.
 */
export const financeCatalogProjection = defineProjection<FinanceCatalogTable>({
  name: FINANCE_CATALOG_PROJECTION,
  eventTypes: [
    'ServiceRegistered',
    'ServiceUpdated',
    'ServiceWentLive',
    'ServiceRetired',
    'ServiceCostModelSet',
    'ServiceOfferingAdded',
    'ServiceOfferingUpdated',
    'ServiceOfferingRemoved',
    'ServiceDefaultOfferingChanged',
  ],
  tables: ['finance_catalog_services', 'finance_catalog_offerings'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_catalog_services} (
      service_id text PRIMARY KEY,
      number text NOT NULL,
      name text NOT NULL,
      lifecycle text NOT NULL,
      fixed_monthly_cost text,
      unit_rate text,
      cost_currency text,
      unit_name text,
      cost_model_set_at timestamptz,
      cost_model_problem text
    );
    CREATE TABLE ${t.finance_catalog_offerings} (
      offering_id text PRIMARY KEY,
      service_id text NOT NULL,
      name text NOT NULL,
      is_default boolean NOT NULL
    );
    CREATE INDEX ON ${t.finance_catalog_offerings} (service_id);`,
  apply: (tx, event, t) => applyServiceEvent(tx, event as RecordedEvent & ServiceEvent, t),
});

/** The cost model in exact terms, or the reason it cannot be read. */
export const convertCostModel = (model: { fixedMonthlyCost: number; currency: string; unitRate: number }): { fixed: string; unitRate: string } | { problem: string } => {
  try {
    return {
      fixed: moneyToWire(moneyFromLegacyFloat(model.fixedMonthlyCost, model.currency, 'The fixed monthly cost')).amount,
      unitRate: decimalStringFromFloat(model.unitRate, 'The unit rate'),
    };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
};

const applyServiceEvent = async (tx: SqlSession, event: RecordedEvent & ServiceEvent, t: FinanceCatalogTables): Promise<void> => {
  const setService = (assignments: string, ...values: unknown[]) =>
    tx.query(`UPDATE ${t.finance_catalog_services} SET ${assignments} WHERE service_id = $1`, [event.data.serviceId, ...values]);
  switch (event.type) {
    case 'ServiceRegistered': {
      const { serviceId, number, name, lifecycle } = event.data;
      await tx.query(
        `INSERT INTO ${t.finance_catalog_services} (service_id, number, name, lifecycle) VALUES ($1, $2, $3, $4) ON CONFLICT (service_id) DO NOTHING`,
        [serviceId, number, name, lifecycle],
      );
      return;
    }
    case 'ServiceUpdated':
      if (event.data.changes.name !== undefined) await setService('name = $2', event.data.changes.name);
      return;
    case 'ServiceWentLive':
      await setService(`lifecycle = 'live'`);
      return;
    case 'ServiceRetired':
      await setService(`lifecycle = 'retired'`);
      return;
    case 'ServiceCostModelSet': {
      const converted = convertCostModel(event.data);
      const ok = 'fixed' in converted;
      await setService(
        'fixed_monthly_cost = $2, unit_rate = $3, cost_currency = $4, unit_name = $5, cost_model_set_at = $6, cost_model_problem = $7',
        ok ? converted.fixed : null,
        ok ? converted.unitRate : null,
        event.data.currency,
        event.data.unitName,
        event.occurredAt,
        ok ? null : converted.problem,
      );
      return;
    }
    case 'ServiceOfferingAdded':
    case 'ServiceOfferingUpdated': {
      const { offeringId, serviceId, name } = event.data;
      await tx.query(
        `INSERT INTO ${t.finance_catalog_offerings} (offering_id, service_id, name, is_default) VALUES ($1, $2, $3, $4)
         ON CONFLICT (offering_id) DO UPDATE SET name = excluded.name, is_default = excluded.is_default`,
        [offeringId, serviceId, name, event.data.default],
      );
      return;
    }
    case 'ServiceOfferingRemoved':
      await tx.query(`DELETE FROM ${t.finance_catalog_offerings} WHERE offering_id = $1`, [event.data.offeringId]);
      return;
    case 'ServiceDefaultOfferingChanged':
      await tx.query(`UPDATE ${t.finance_catalog_offerings} SET is_default = (offering_id = $2) WHERE service_id = $1`, [event.data.serviceId, event.data.defaultOfferingId]);
      return;
    default:
      // Dependencies, change templates and maintenance windows do not concern finance.
      return;
  }
};
