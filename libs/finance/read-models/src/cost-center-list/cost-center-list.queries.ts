import type { SqlExecutor } from '@itsm/event-store';
import { isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { cursorKeyOf, decodeCursor, encodeCursor, isCursorText, iso } from '../shared/read-model-helpers';
import type { CostCenterListTables } from './cost-center-list.projection';

/** A cost center as the list shows it; `revision` is the stream revision the row reflects. */
export interface CostCenterRow {
  id: string;
  code: string;
  name: string;
  currency: string;
  parentId: string | null;
  status: 'opened' | 'closed';
  openedAt: string;
  closedAt: string | null;
  /** How many cost centers sit directly below it. */
  childCount: number;
  revision: number;
}

export interface CostCenterFilter {
  /** Only the children of this cost center; `null`: only cost centers at the top. Left out: all. */
  parentId?: string | null;
  status?: 'opened' | 'closed';
  limit?: number;
  cursor?: string;
}

interface CostCenterListRow {
  cost_center_id: string;
  code: string;
  name: string;
  currency: string;
  parent_id: string | null;
  status: 'opened' | 'closed';
  opened_at: Date | string;
  closed_at: Date | string | null;
  child_count: number;
  revision: number;
}

type CostCenterCursor = { code: string; id: string };
const isCostCenterCursor = cursorKeyOf<CostCenterCursor>({ code: isCursorText, id: isCursorUuid });

export class CostCenterListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: CostCenterListTables,
  ) {}

  private select(where: string): string {
    const t = this.tables.cost_center_list;
    return `SELECT c.*, (SELECT count(*)::int FROM ${t} child WHERE child.parent_id = c.cost_center_id) AS child_count FROM ${t} c ${where}`;
  }

  /** The cost center's row, or null when the projection has not seen it (yet). */
  async get(id: string): Promise<CostCenterRow | null> {
    const [row] = await this.db.query<CostCenterListRow>(this.select('WHERE c.cost_center_id = $1'), [id]);
    return row ? rowOf(row) : null;
  }

  /** The cost center of a code (upper case). */
  async byCode(code: string): Promise<CostCenterRow | null> {
    const [row] = await this.db.query<CostCenterListRow>(`${this.select('WHERE c.code = $1')} ORDER BY c.cost_center_id LIMIT 1`, [code.toUpperCase()]);
    return row ? rowOf(row) : null;
  }

  /** By code; a level of the hierarchy with `parentId`; cursor pages. */
  async list({ parentId, status, limit, cursor }: CostCenterFilter = {}): Promise<Page<CostCenterRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (parentId === null) where.push('c.parent_id IS NULL');
    else if (parentId !== undefined) {
      params.push(parentId);
      where.push(`c.parent_id = $${params.length}`);
    }
    if (status !== undefined) {
      params.push(status);
      where.push(`c.status = $${params.length}`);
    }
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isCostCenterCursor);
      params.push(after.code, after.id);
      where.push(`(c.code, c.cost_center_id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows = await this.db.query<CostCenterListRow>(
      `${this.select(where.length > 0 ? `WHERE ${where.join(' AND ')}` : '')} ORDER BY c.code, c.cost_center_id LIMIT $1`,
      params,
    );
    return pageOf(rows, size, rowOf, (row) => encodeCursor({ code: row.code, id: row.cost_center_id }));
  }
}

const rowOf = (row: CostCenterListRow): CostCenterRow => ({
  id: row.cost_center_id,
  code: row.code,
  name: row.name,
  currency: row.currency,
  parentId: row.parent_id,
  status: row.status,
  openedAt: iso(row.opened_at),
  closedAt: row.closed_at === null ? null : iso(row.closed_at),
  childCount: row.child_count,
  revision: row.revision,
});
