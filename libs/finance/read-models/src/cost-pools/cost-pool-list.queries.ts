import type { SqlExecutor } from '@itsm/event-store';
import { isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { cursorKeyOf, decodeCursor, encodeCursor, isCursorText, iso } from '../shared/read-model-helpers';
import type { CostPoolListTables } from './cost-pool-list.projection';

export interface CostPoolRow {
  id: string;
  name: string;
  currency: string;
  ownerCostCenterId: string;
  status: 'opened' | 'closed';
  openedAt: string;
  revision: number;
}

interface Row {
  cost_pool_id: string;
  name: string;
  currency: string;
  owner_cost_center_id: string;
  status: 'opened' | 'closed';
  opened_at: Date | string;
  revision: number;
}

type Cursor = { name: string; id: string };
const isCursor = cursorKeyOf<Cursor>({ name: isCursorText, id: isCursorUuid });
const rowOf = (row: Row): CostPoolRow => ({
  id: row.cost_pool_id,
  name: row.name,
  currency: row.currency,
  ownerCostCenterId: row.owner_cost_center_id,
  status: row.status,
  openedAt: iso(row.opened_at),
  revision: row.revision,
});

export class CostPoolListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: CostPoolListTables,
  ) {}

  /** By name; optionally one owner's pools, or one status; cursor pages. */
  async list({ ownerCostCenterId, status, limit, cursor }: { ownerCostCenterId?: string; status?: 'opened' | 'closed'; limit?: number; cursor?: string } = {}): Promise<Page<CostPoolRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (ownerCostCenterId !== undefined) {
      params.push(ownerCostCenterId);
      where.push(`owner_cost_center_id = $${params.length}::uuid`);
    }
    if (status !== undefined) {
      params.push(status);
      where.push(`status = $${params.length}`);
    }
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isCursor);
      params.push(after.name, after.id);
      where.push(`(name, cost_pool_id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows = await this.db.query<Row>(
      `SELECT * FROM ${this.tables.finance_cost_pools} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, cost_pool_id LIMIT $1`,
      params,
    );
    return pageOf(rows, size, rowOf, (row) => encodeCursor({ name: row.name, id: row.cost_pool_id }));
  }
}
