import type { SqlExecutor } from '@itsm/event-store';
import { isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { cursorKeyOf, dayText, decodeCursor, encodeCursor, isCursorText, iso } from '../shared/read-model-helpers';
import type { BudgetListTables } from './budget-list.projection';

/** A budget's figures as the list shows them (amounts in `currency`, canonical decimal strings). */
export interface BudgetRow {
  id: string;
  costCenterId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  planned: string;
  committed: string;
  actual: string;
  thresholds: number[];
  /** The thresholds the actual amount is at or above now, with when each was (last) crossed. */
  crossed: { threshold: number; crossedAt: string }[];
  plannedAt: string;
  revision: number;
}

interface Row {
  budget_id: string;
  cost_center_id: string;
  period: string;
  period_start: Date | string;
  period_end: Date | string;
  currency: string;
  planned: string;
  committed: string;
  actual: string;
  thresholds: number[];
  crossed: { threshold: number; crossedAt: string }[];
  planned_at: Date | string;
  revision: number;
}

type Cursor = { start: string; id: string };
const isCursor = cursorKeyOf<Cursor>({ start: isCursorText, id: isCursorUuid });
const rowOf = (row: Row): BudgetRow => ({
  id: row.budget_id,
  costCenterId: row.cost_center_id,
  period: row.period,
  periodStart: dayText(row.period_start),
  periodEnd: dayText(row.period_end),
  currency: row.currency,
  planned: row.planned,
  committed: row.committed,
  actual: row.actual,
  thresholds: row.thresholds,
  crossed: row.crossed,
  plannedAt: iso(row.planned_at),
  revision: row.revision,
});

export class BudgetListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: BudgetListTables,
  ) {}

  async get(id: string): Promise<BudgetRow | null> {
    const [row] = await this.db.query<Row>(`SELECT * FROM ${this.tables.finance_budgets} WHERE budget_id = $1::uuid`, [id]);
    return row ? rowOf(row) : null;
  }

  /** By the start of the period, then id; optionally one cost center's, one period's; cursor pages. */
  async list({ costCenterId, period, limit, cursor }: { costCenterId?: string; period?: string; limit?: number; cursor?: string } = {}): Promise<Page<BudgetRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (costCenterId !== undefined) {
      params.push(costCenterId);
      where.push(`cost_center_id = $${params.length}::uuid`);
    }
    if (period !== undefined) {
      params.push(period);
      where.push(`period = $${params.length}`);
    }
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isCursor);
      params.push(after.start, after.id);
      where.push(`(period_start, budget_id) > ($${params.length - 1}::date, $${params.length}::uuid)`);
    }
    const rows = await this.db.query<Row>(
      `SELECT * FROM ${this.tables.finance_budgets} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY period_start, budget_id LIMIT $1`,
      params,
    );
    return pageOf(rows, size, rowOf, (row) => encodeCursor({ start: dayText(row.period_start), id: row.budget_id }));
  }
}
