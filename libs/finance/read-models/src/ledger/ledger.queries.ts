import type { MoneyV1 } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import { isCursorNumber, isCursorTimestamp, isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { cursorKeyOf, dayText, decodeCursor, encodeCursor, isCursorText, iso, monthsOfPeriod } from '../shared/read-model-helpers';
import type { LedgerTables } from './ledger.projection';

export interface LedgerLineRow {
  importId: string;
  lineNumber: number;
  postedOn: string;
  account: string;
  target: { kind: 'cost-pool' | 'cost-center'; id: string };
  amount: MoneyV1;
  sourceReference: string;
  description: string;
}

export interface LedgerImportRow {
  id: string;
  fileName: string | null;
  contentSha256: string;
  lineCount: number;
  totals: MoneyV1[];
  firstPostedOn: string;
  lastPostedOn: string;
  importedAt: string;
  importedBy: string;
}

export interface LedgerLineFilter {
  /** A month ("2026-03") or a quarter ("2026-Q1"). */
  period?: string;
  costPoolId?: string;
  costCenterId?: string;
  importId?: string;
  limit?: number;
  cursor?: string;
}

interface LineRow {
  import_id: string;
  line_number: number;
  posted_on: Date | string;
  account: string;
  target_kind: 'cost-pool' | 'cost-center';
  target_id: string;
  amount: string;
  currency: string;
  source_reference: string;
  description: string;
}

interface ImportRow {
  import_id: string;
  file_name: string | null;
  content_sha256: string;
  line_count: number;
  totals: MoneyV1[];
  first_posted_on: Date | string;
  last_posted_on: Date | string;
  imported_at: Date | string;
  imported_by: string;
}

type LineCursor = { day: string; import: string; line: number };
const isLineCursor = cursorKeyOf<LineCursor>({ day: isCursorText, import: isCursorUuid, line: isCursorNumber });
type ImportCursor = { at: string; id: string };
const isImportCursor = cursorKeyOf<ImportCursor>({ at: isCursorTimestamp, id: isCursorUuid });

const lineOf = (row: LineRow): LedgerLineRow => ({
  importId: row.import_id,
  lineNumber: row.line_number,
  postedOn: dayText(row.posted_on),
  account: row.account,
  target: { kind: row.target_kind, id: row.target_id },
  amount: { amount: row.amount, currency: row.currency },
  sourceReference: row.source_reference,
  description: row.description,
});

const importOf = (row: ImportRow): LedgerImportRow => ({
  id: row.import_id,
  fileName: row.file_name,
  contentSha256: row.content_sha256,
  lineCount: row.line_count,
  totals: row.totals,
  firstPostedOn: dayText(row.first_posted_on),
  lastPostedOn: dayText(row.last_posted_on),
  importedAt: iso(row.imported_at),
  importedBy: row.imported_by,
});

export class LedgerQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: LedgerTables,
  ) {}

  /**
   * Lines by booking day, import and line number; filtered by period, cost pool or cost center, import; cursor
   * pages. Amounts are as the ledger stated them (the numeric keeps the digits written: "10.00").
   */
  async lines({ period, costPoolId, costCenterId, importId, limit, cursor }: LedgerLineFilter = {}): Promise<Page<LedgerLineRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    const add = (clause: (index: number) => string, value: unknown) => {
      params.push(value);
      where.push(clause(params.length));
    };
    if (period !== undefined) add((i) => `month = ANY($${i}::text[])`, monthsOfPeriod(period) ?? []);
    if (costPoolId !== undefined) add((i) => `target_kind = 'cost-pool' AND target_id = $${i}`, costPoolId);
    if (costCenterId !== undefined) add((i) => `target_kind = 'cost-center' AND target_id = $${i}`, costCenterId);
    if (importId !== undefined) add((i) => `import_id = $${i}::uuid`, importId);
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isLineCursor);
      params.push(after.day, after.import, after.line);
      where.push(`(posted_on, import_id, line_number) > ($${params.length - 2}::date, $${params.length - 1}::uuid, $${params.length}::int)`);
    }
    const rows = await this.db.query<LineRow>(
      `SELECT import_id, line_number, posted_on, account, target_kind, target_id, amount::text AS amount, currency, source_reference, description
       FROM ${this.tables.finance_ledger_lines} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY posted_on, import_id, line_number LIMIT $1`,
      params,
    );
    return pageOf(rows, size, lineOf, (row) => encodeCursor({ day: dayText(row.posted_on), import: row.import_id, line: row.line_number }));
  }

  async getImport(importId: string): Promise<LedgerImportRow | null> {
    const [row] = await this.db.query<ImportRow>(`SELECT * FROM ${this.tables.finance_ledger_imports} WHERE import_id = $1::uuid`, [importId]);
    return row ? importOf(row) : null;
  }

  /** Imports in the order they were imported; cursor pages. */
  async imports({ limit, cursor }: { limit?: number; cursor?: string } = {}): Promise<Page<LedgerImportRow>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    let where = '';
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isImportCursor);
      params.push(after.at, after.id);
      where = 'WHERE (imported_at, import_id) > ($2::timestamptz, $3::uuid)';
    }
    const rows = await this.db.query<ImportRow>(`SELECT * FROM ${this.tables.finance_ledger_imports} ${where} ORDER BY imported_at, import_id LIMIT $1`, params);
    return pageOf(rows, size, importOf, (row) => encodeCursor({ at: iso(row.imported_at), id: row.import_id }));
  }
}
