import type { AllocationSourceV1 } from '@itsm/contracts';
import type { EventStore, SqlSession } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, liveTablesOf, ReadModelPositions } from '@itsm/projections';
import type { DirectoryCostCenter, DirectoryCostPool, FinanceDirectory } from '../ports/finance-directory.port';
import { FINANCE_DIRECTORY_SCHEMA, financeDirectoryProjection, type FinanceDirectoryTables } from './finance-directory.projection';

const PAGE = 500;

interface CostCenterRow {
  cost_center_id: string;
  code: string;
  currency: string;
  parent_id: string | null;
  status: 'opened' | 'closed';
}

const costCenterOf = (row: CostCenterRow): DirectoryCostCenter => ({ id: row.cost_center_id, code: row.code, currency: row.currency, parentId: row.parent_id, status: row.status });

/** The `FinanceDirectory` port on the live tables of `financeDirectoryProjection`. */
export class SqlFinanceDirectory implements FinanceDirectory {
  private readonly t: FinanceDirectoryTables;
  private readonly positions: ReadModelPositions;

  constructor(
    private readonly db: Pick<SqlSession, 'query'> & ConstructorParameters<typeof ReadModelPositions>[0],
    private readonly log: Pick<EventStore, 'readAll'>,
    location: { schema?: string; checkpointSchema?: string } = {},
  ) {
    this.t = liveTablesOf(financeDirectoryProjection, location.schema ?? FINANCE_DIRECTORY_SCHEMA);
    this.positions = new ReadModelPositions(db, { checkpointSchema: location.checkpointSchema ?? DEFAULT_READ_MODEL_LOCATION.checkpointSchema });
  }

  /** Looks in the log past the directory's checkpoint for events it reads; if there are any, waits until they are applied. */
  async catchUp(): Promise<void> {
    const checkpoint = await this.positions.positionOf(financeDirectoryProjection.name);
    let [last, from] = [null as number | null, checkpoint];
    for (;;) {
      const { events, lastPosition } = await this.log.readAll({ fromPosition: from, maxCount: PAGE, filter: { types: [...financeDirectoryProjection.eventTypes] } });
      if (events.length > 0) last = events[events.length - 1].globalPosition;
      if (events.length < PAGE || lastPosition === from) break;
      from = lastPosition;
    }
    if (last !== null) await this.positions.waitForPosition(financeDirectoryProjection.name, last);
  }

  async costCenterByCode(code: string): Promise<DirectoryCostCenter | null> {
    const [row] = await this.db.query<CostCenterRow>(`SELECT * FROM ${this.t.finance_directory_cost_centers} WHERE code = $1 ORDER BY cost_center_id LIMIT 1`, [code]);
    return row ? costCenterOf(row) : null;
  }

  async costCentersByCode(codes: readonly string[]): Promise<DirectoryCostCenter[]> {
    if (codes.length === 0) return [];
    const rows = await this.db.query<CostCenterRow>(`SELECT * FROM ${this.t.finance_directory_cost_centers} WHERE code = ANY($1::text[]) ORDER BY cost_center_id`, [[...new Set(codes)]]);
    return rows.map(costCenterOf);
  }

  async costCenters(ids: readonly string[]): Promise<DirectoryCostCenter[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<CostCenterRow>(`SELECT * FROM ${this.t.finance_directory_cost_centers} WHERE cost_center_id = ANY($1::text[])`, [[...new Set(ids)]]);
    return rows.map(costCenterOf);
  }

  async ancestorsOf(costCenterId: string): Promise<string[]> {
    // UNION (not ALL) stops at a repeat, should the tables ever hold a loop.
    const rows = await this.db.query<{ id: string; depth: number }>(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT parent_id, 1 FROM ${this.t.finance_directory_cost_centers} WHERE cost_center_id = $1 AND parent_id IS NOT NULL
         UNION
         SELECT c.parent_id, up.depth + 1 FROM up JOIN ${this.t.finance_directory_cost_centers} c ON c.cost_center_id = up.id
         WHERE c.parent_id IS NOT NULL AND up.depth < 1000
       )
       SELECT id, min(depth) AS depth FROM up GROUP BY id ORDER BY depth`,
      [costCenterId],
    );
    return rows.map((row) => row.id);
  }

  async costPools(ids: readonly string[]): Promise<DirectoryCostPool[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ cost_pool_id: string; currency: string; status: 'opened' | 'closed' }>(
      `SELECT * FROM ${this.t.finance_directory_cost_pools} WHERE cost_pool_id = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    return rows.map((row) => ({ id: row.cost_pool_id, currency: row.currency, status: row.status }));
  }

  async budgetOf(costCenterId: string, period: string): Promise<string | null> {
    const [row] = await this.db.query<{ budget_id: string }>(
      `SELECT budget_id FROM ${this.t.finance_directory_budgets} WHERE cost_center_id = $1 AND period = $2 ORDER BY budget_id LIMIT 1`,
      [costCenterId, period],
    );
    return row?.budget_id ?? null;
  }

  async liveRuleOf(source: AllocationSourceV1): Promise<string | null> {
    const [row] = await this.db.query<{ rule_id: string }>(
      `SELECT rule_id FROM ${this.t.finance_directory_allocation_rules} WHERE source_kind = $1 AND source_id = $2 AND NOT retired ORDER BY rule_id LIMIT 1`,
      [source.kind, source.id],
    );
    return row?.rule_id ?? null;
  }

  async importOfContent(contentSha256: string): Promise<string | null> {
    const [row] = await this.db.query<{ import_id: string }>(
      `SELECT import_id FROM ${this.t.finance_directory_ledger_imports} WHERE content_sha256 = $1 ORDER BY import_id LIMIT 1`,
      [contentSha256],
    );
    return row?.import_id ?? null;
  }
}
