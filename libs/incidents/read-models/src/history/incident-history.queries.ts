import type { SqlExecutor } from '@itsm/event-store';
import { isoOf } from '../list/incident-list-rows';
import type { IncidentListTables } from '../list/incident-list.tables';
import type { HistoryField } from './incident-history.changes';

/** One line of GET /incidents/:id/history. */
export interface IncidentHistoryEntry {
  /** Revision of the event in the incident stream (the table's `position` column). */
  revision: number;
  at: string;
  actor: string;
  field: HistoryField;
  oldValue: string | null;
  newValue: string | null;
  eventType: string;
}

interface HistoryRow {
  position: number;
  at: Date | string;
  actor: string;
  field: HistoryField;
  old_value: string | null;
  new_value: string | null;
  event_type: string;
}

export class IncidentHistoryQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly t: IncidentListTables,
  ) {}

  /** Every field change of the incident, oldest first (empty for an unknown incident). */
  /** `upToRevision`: only the changes of the stream up to that revision (the incident as it stood `asOf`). */
  async historyOf(incidentId: string, options: { upToRevision?: number } = {}): Promise<IncidentHistoryEntry[]> {
    const rows = await this.db.query<HistoryRow>(
      `SELECT position, at, actor, field, old_value, new_value, event_type FROM ${this.t.incident_history}
       WHERE incident_id = $1::uuid AND ($2::integer IS NULL OR position <= $2::integer) ORDER BY position, ordinal`,
      [incidentId, options.upToRevision ?? null],
    );
    return rows.map((row) => ({
      revision: row.position,
      at: isoOf(row.at),
      actor: row.actor,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      eventType: row.event_type,
    }));
  }
}
