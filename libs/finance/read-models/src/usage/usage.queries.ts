import type { SqlExecutor } from '@itsm/event-store';
import { decimalText, monthsOfPeriod } from '../shared/read-model-helpers';
import type { UsageTables } from './usage.projection';

/** Usage of one service by one consumer in one unit over a period. */
export interface UsageTotalRow {
  serviceId: string;
  consumerCostCenterId: string;
  unit: string;
  /** A canonical decimal string ("27.5"). */
  quantity: string;
  records: number;
}

export interface UsageFilter {
  /** A month ("2026-03") or a quarter ("2026-Q1"). */
  period: string;
  serviceId?: string;
  consumerCostCenterId?: string;
  unit?: string;
}

export class UsageQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: UsageTables,
  ) {}

  /** Totals over the months of the period, by service, consumer and unit. Not paged: one row per combination. */
  async totals({ period, serviceId, consumerCostCenterId, unit }: UsageFilter): Promise<UsageTotalRow[]> {
    const months = monthsOfPeriod(period);
    if (months === null) return [];
    const params: unknown[] = [months];
    const where = ['month = ANY($1::text[])'];
    const add = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    add('service_id', serviceId);
    add('consumer_cost_center_id', consumerCostCenterId);
    add('unit', unit);
    const rows = await this.db.query<{ service_id: string; consumer_cost_center_id: string; unit: string; quantity: string; records: number }>(
      `SELECT service_id, consumer_cost_center_id, unit, sum(quantity)::text AS quantity, sum(records)::int AS records
       FROM ${this.tables.finance_usage_totals} WHERE ${where.join(' AND ')}
       GROUP BY service_id, consumer_cost_center_id, unit ORDER BY service_id, consumer_cost_center_id, unit
       LIMIT 10000`,
      params,
    );
    return rows.map((row) => ({ serviceId: row.service_id, consumerCostCenterId: row.consumer_cost_center_id, unit: row.unit, quantity: decimalText(row.quantity), records: row.records }));
  }
}
