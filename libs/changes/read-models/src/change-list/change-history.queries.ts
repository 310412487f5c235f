import type { SqlExecutor } from '@itsm/event-store';
import { isoOf } from './change-list-rows';
import type { ChangeListTables } from './change-list.tables';

/** One line of GET /changes/:id/history. */
export interface ChangeHistoryEntry {
  /** Revision of the event in the change stream. */
  revision: number;
  at: string;
  actor: string;
  /** A field of the change (`state`, `plannedStart`…) or `approval.<stage>` for an approver's decision. */
  field: string;
  oldValue: string | null;
  newValue: string | null;
  eventType: string;
}

interface HistoryRow {
  revision: number;
  at: Date | string;
  actor: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  event_type: string;
}

export class ChangeHistoryQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeListTables,
  ) {}

  /** Every line of the change's history, oldest first (empty for an unknown change); `upToRevision` for `asOf`. */
  async historyOf(changeId: string, options: { upToRevision?: number } = {}): Promise<ChangeHistoryEntry[]> {
    const rows = await this.db.query<HistoryRow>(
      `SELECT revision, at, actor, field, old_value, new_value, event_type FROM ${this.tables.change_history}
       WHERE change_id = $1::uuid AND ($2::integer IS NULL OR revision <= $2::integer) ORDER BY revision, ordinal`,
      [changeId, options.upToRevision ?? null],
    );
    return rows.map((row) => ({
      revision: row.revision,
      at: isoOf(row.at),
      actor: row.actor,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      eventType: row.event_type,
    }));
  }
}
