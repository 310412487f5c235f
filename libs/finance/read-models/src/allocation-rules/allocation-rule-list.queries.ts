import type { AllocationMethodV1, AllocationSourceV1 } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import { isCursorTimestamp, isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { cursorKeyOf, decodeCursor, encodeCursor, iso } from '../shared/read-model-helpers';
import type { AllocationRuleListTables } from './allocation-rule-list.projection';

export interface AllocationRuleRow {
  id: string;
  name: string;
  source: AllocationSourceV1;
  method: AllocationMethodV1;
  status: 'defined' | 'retired';
  definedAt: string;
  revisedAt: string | null;
  retiredAt: string | null;
  revision: number;
}

interface Row {
  rule_id: string;
  name: string;
  source_kind: 'pool' | 'service';
  source_id: string;
  method: AllocationMethodV1;
  status: 'defined' | 'retired';
  defined_at: Date | string;
  revised_at: Date | string | null;
  retired_at: Date | string | null;
  revision: number;
}

type Cursor = { at: string; id: string };
const isCursor = cursorKeyOf<Cursor>({ at: isCursorTimestamp, id: isCursorUuid });
const rowOf = (row: Row): AllocationRuleRow => ({
  id: row.rule_id,
  name: row.name,
  source: { kind: row.source_kind, id: row.source_id },
  method: row.method,
  status: row.status,
  definedAt: iso(row.defined_at),
  revisedAt: row.revised_at === null ? null : iso(row.revised_at),
  retiredAt: row.retired_at === null ? null : iso(row.retired_at),
  revision: row.revision,
});

export class AllocationRuleListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: AllocationRuleListTables,
  ) {}

  /** In the order they were defined; optionally one source's (a pool's or a service's) or one status; cursor pages. */
  async list({ source, status, limit, cursor }: { source?: AllocationSourceV1; status?: 'defined' | 'retired'; limit?: number; cursor?: string } = {}): Promise<Page<AllocationRuleRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (source !== undefined) {
      params.push(source.kind, source.id);
      where.push(`source_kind = $${params.length - 1} AND source_id = $${params.length}`);
    }
    if (status !== undefined) {
      params.push(status);
      where.push(`status = $${params.length}`);
    }
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isCursor);
      params.push(after.at, after.id);
      where.push(`(defined_at, rule_id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows = await this.db.query<Row>(
      `SELECT * FROM ${this.tables.finance_allocation_rules} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY defined_at, rule_id LIMIT $1`,
      params,
    );
    return pageOf(rows, size, rowOf, (row) => encodeCursor({ at: iso(row.defined_at), id: row.rule_id }));
  }
}
