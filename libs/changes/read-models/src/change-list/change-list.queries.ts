import type { SqlExecutor } from '@itsm/event-store';
import type { ChangeListTables } from './change-list.projection';

/** A change as the list shows it; `revision` is the stream revision the row reflects. */
export interface ChangeRow {
  id: string;
  shortDescription: string;
  status: string;
  raisedAt: string;
  revision: number;
}

interface ChangeListRow {
  change_id: string;
  short_description: string;
  status: string;
  raised_at: Date | string;
  revision: number;
}

export class ChangeListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeListTables,
  ) {}

  /** The change's row, or null when the projection has not seen it (yet). */
  async get(id: string): Promise<ChangeRow | null> {
    const [row] = await this.db.query<ChangeListRow>(`SELECT * FROM ${this.tables.change_list} WHERE change_id = $1`, [id]);
    return row ? rowOf(row) : null;
  }
}

const rowOf = (row: ChangeListRow): ChangeRow => ({
  id: row.change_id,
  shortDescription: row.short_description,
  status: row.status,
  raisedAt: new Date(row.raised_at).toISOString(),
  revision: row.revision,
});
