import type { SqlExecutor } from '@itsm/event-store';
import type { CostCenterListTables } from './cost-center-list.projection';

/** A cost center as the list shows it; `revision` is the stream revision the row reflects. */
export interface CostCenterRow {
  id: string;
  name: string;
  status: string;
  openedAt: string;
  revision: number;
}

interface CostCenterListRow {
  cost_center_id: string;
  name: string;
  status: string;
  opened_at: Date | string;
  revision: number;
}

export class CostCenterListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: CostCenterListTables,
  ) {}

  /** The cost center's row, or null when the projection has not seen it (yet). */
  async get(id: string): Promise<CostCenterRow | null> {
    const [row] = await this.db.query<CostCenterListRow>(`SELECT * FROM ${this.tables.cost_center_list} WHERE cost_center_id = $1`, [id]);
    return row ? rowOf(row) : null;
  }
}

const rowOf = (row: CostCenterListRow): CostCenterRow => ({
  id: row.cost_center_id,
  name: row.name,
  status: row.status,
  openedAt: new Date(row.opened_at).toISOString(),
  revision: row.revision,
});
