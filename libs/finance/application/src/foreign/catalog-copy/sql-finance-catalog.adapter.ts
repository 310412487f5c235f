import type { SqlSession } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import type { FinanceCatalog, FinanceOffering, FinanceService } from '../../ports/finance-catalog.port';
import { FINANCE_CATALOG_SCHEMA, financeCatalogProjection, type FinanceCatalogTables } from './finance-catalog.projection';

interface ServiceRow {
  service_id: string;
  number: string;
  name: string;
  lifecycle: string;
  fixed_monthly_cost: string | null;
  unit_rate: string | null;
  cost_currency: string | null;
  unit_name: string | null;
  cost_model_set_at: Date | string | null;
  cost_model_problem: string | null;
}

const serviceOf = (row: ServiceRow): FinanceService => ({
  serviceId: row.service_id,
  number: row.number,
  name: row.name,
  lifecycle: row.lifecycle,
  costModel:
    row.fixed_monthly_cost === null || row.unit_rate === null || row.cost_currency === null || row.unit_name === null || row.cost_model_set_at === null
      ? null
      : {
          fixedMonthlyCost: { amount: row.fixed_monthly_cost, currency: row.cost_currency },
          unitRate: { amount: row.unit_rate, currency: row.cost_currency },
          unitName: row.unit_name,
          setAt: new Date(row.cost_model_set_at).toISOString(),
        },
  costModelProblem: row.cost_model_problem,
});

/** Reads the live tables of `financeCatalogProjection`. */
export class SqlFinanceCatalog implements FinanceCatalog {
  private readonly t: FinanceCatalogTables;

  constructor(
    private readonly db: Pick<SqlSession, 'query'>,
    schema: string = FINANCE_CATALOG_SCHEMA,
  ) {
    this.t = liveTablesOf(financeCatalogProjection, schema);
  }

  async services(ids: readonly string[]): Promise<FinanceService[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<ServiceRow>(`SELECT * FROM ${this.t.finance_catalog_services} WHERE service_id = ANY($1::text[]) ORDER BY service_id`, [[...new Set(ids)]]);
    return rows.map(serviceOf);
  }

  async offeringsOf(serviceId: string): Promise<FinanceOffering[]> {
    const rows = await this.db.query<{ offering_id: string; service_id: string; name: string; is_default: boolean }>(
      `SELECT * FROM ${this.t.finance_catalog_offerings} WHERE service_id = $1 ORDER BY name, offering_id`,
      [serviceId],
    );
    return rows.map((row) => ({ offeringId: row.offering_id, serviceId: row.service_id, name: row.name, default: row.is_default }));
  }

  async offering(offeringId: string): Promise<FinanceOffering | null> {
    const [row] = await this.db.query<{ offering_id: string; service_id: string; name: string; is_default: boolean }>(
      `SELECT * FROM ${this.t.finance_catalog_offerings} WHERE offering_id = $1`,
      [offeringId],
    );
    return row === undefined ? null : { offeringId: row.offering_id, serviceId: row.service_id, name: row.name, default: row.is_default };
  }
}
