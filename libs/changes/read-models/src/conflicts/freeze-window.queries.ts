import type { SqlExecutor } from '@itsm/event-store';
import { cursorKeyOf, decodeCursor, encodeCursor, isCursorTimestamp, isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import type { ChangeScheduleTables } from './change-schedule.projection';

/** A freeze window as the list shows it. */
export interface FreezeWindowView {
  id: string;
  name: string;
  reason: string;
  from: string;
  to: string;
  /** null: every service. */
  serviceIds: string[] | null;
  state: 'declared' | 'lifted';
  declaredAt: string;
  liftedAt: string | null;
  liftReason: string | null;
  /** The stream revision the row reflects. */
  revision: number;
}

export interface FreezeWindowFilter {
  /** Only windows overlapping [from, to); either may be left out (open-ended). */
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
}

interface FreezeWindowRow {
  freeze_window_id: string;
  name: string;
  reason: string;
  starts_at: Date | string;
  ends_at: Date | string;
  service_ids: string[] | null;
  declared_at: Date | string;
  lifted: boolean;
  lifted_at: Date | string | null;
  lift_reason: string | null;
  revision: number;
}

type FreezeCursor = { s: string; id: string };
const isFreezeCursor = cursorKeyOf<FreezeCursor>({ s: isCursorTimestamp, id: isCursorUuid });

const iso = (value: Date | string): string => new Date(value).toISOString();

const viewOf = (row: FreezeWindowRow): FreezeWindowView => ({
  id: row.freeze_window_id,
  name: row.name,
  reason: row.reason,
  from: iso(row.starts_at),
  to: iso(row.ends_at),
  serviceIds: row.service_ids,
  state: row.lifted ? 'lifted' : 'declared',
  declaredAt: iso(row.declared_at),
  liftedAt: row.lifted_at === null ? null : iso(row.lifted_at),
  liftReason: row.lift_reason,
  revision: row.revision,
});

/** The freeze windows list (`GET /freeze-windows`). */
export class FreezeWindowQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeScheduleTables,
  ) {}

  async get(id: string): Promise<FreezeWindowView | null> {
    const [row] = await this.db.query<FreezeWindowRow>(`SELECT * FROM ${this.tables.freeze_windows} WHERE freeze_window_id = $1`, [id]);
    return row ? viewOf(row) : null;
  }

  /** Lifted ones included (`state`), by start then id; cursor pages. */
  async list({ from, to, limit, cursor }: FreezeWindowFilter = {}): Promise<Page<FreezeWindowView>> {
    const size = pageSizeOf(limit);
    const params: unknown[] = [size + 1];
    const where: string[] = [];
    if (from !== undefined || to !== undefined) {
      params.push(from?.toISOString() ?? null, to?.toISOString() ?? null);
      where.push(`period && tstzrange($2::timestamptz, $3::timestamptz, '[)')`);
    }
    if (cursor !== undefined) {
      const after = decodeCursor(cursor, isFreezeCursor);
      params.push(after.s, after.id);
      where.push(`(starts_at, freeze_window_id) > ($${params.length - 1}::timestamptz, $${params.length}::text)`);
    }
    const rows = await this.db.query<FreezeWindowRow>(
      `SELECT * FROM ${this.tables.freeze_windows} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY starts_at, freeze_window_id LIMIT $1`,
      params,
    );
    return pageOf(rows, size, viewOf, (row) => encodeCursor({ s: iso(row.starts_at), id: row.freeze_window_id }));
  }
}
