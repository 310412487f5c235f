import type { ChangeRaised } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';

export type IncidentsChangesTable = 'incidents_changes';
export type IncidentsChangesTables = TableNames<IncidentsChangesTable>;

/** Schema of the incidents' copy of changes: the projection runtime's default, where every host runs it. */
export const INCIDENTS_CHANGES_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

/**
 * The incidents' own directory of changes, built only from the changes context's published `ChangeRaised` (the log
 * embedded, `itsm.changes.events.v1` distributed): each change's id and number, both unique. A change keeps the
 * number it was raised with, so nothing else is needed; one row per change stream, so per-stream order (Kafka) is
 * enough, and a redelivered event changes nothing. A number that arrived for a second change would break its
 * uniqueness: the projection stops there, loudly, rather than guess which change the number names.
 */
export const incidentsChangesProjection = defineProjection<IncidentsChangesTable>({
  name: 'incidents_changes',
  eventTypes: ['ChangeRaised'],
  tables: ['incidents_changes'],
  createTables: (t) => `
    CREATE TABLE ${t.incidents_changes} (
      change_id text PRIMARY KEY,
      number text NOT NULL UNIQUE
    );`,
  apply: async (tx, event, t) => {
    const { data } = event as RecordedEvent & ChangeRaised;
    await tx.query(`INSERT INTO ${t.incidents_changes} (change_id, number) VALUES ($1, $2) ON CONFLICT (change_id) DO NOTHING`, [
      data.changeId,
      data.number,
    ]);
  },
});
