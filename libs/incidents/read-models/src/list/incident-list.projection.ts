import { INCIDENTS_EVENT_TYPES, incidentIdOf, type IncidentOpenedV1 } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection } from '@itsm/projections';
import { fieldChangesOf, HISTORY_ONLY_FIELDS, type FieldChange } from '../history/incident-history.changes';
import { evolveIncidentRecord, type IncidentRecord } from './incident-record';
import { LIST_COLUMN_NAMES, LIST_COLUMNS, recordOfRow, rowOfRecord, type IncidentListRow } from './incident-list-rows';
import { searchTermsOf } from './incident-text-query';
import { createIncidentListTables, type IncidentListTable, type IncidentListTables } from './incident-list.tables';

export const INCIDENT_LIST_PROJECTION = 'incident_list';

const loadRecords = async (tx: SqlSession, t: IncidentListTables, incidentIds: string[]): Promise<Map<string, IncidentRecord>> => {
  const rows = await tx.query<IncidentListRow>(`SELECT * FROM ${t.incident_list} WHERE incident_id = ANY($1::uuid[])`, [incidentIds]);
  const records = new Map(rows.map((row) => [row.incident_id, recordOfRow(row)]));
  if (records.size === 0) return records;
  // The details the list keeps no column for are where the history last left them.
  const details = await tx.query<{ incident_id: string; field: (typeof HISTORY_ONLY_FIELDS)[number]; new_value: string | null }>(
    `SELECT DISTINCT ON (incident_id, field) incident_id, field, new_value FROM ${t.incident_history}
     WHERE incident_id = ANY($1::uuid[]) AND field = ANY($2::text[])
     ORDER BY incident_id, field, position DESC, ordinal DESC`,
    [[...records.keys()], HISTORY_ONLY_FIELDS],
  );
  for (const { incident_id, field, new_value } of details) {
    const record = records.get(incident_id) as IncidentRecord;
    records.set(incident_id, { ...record, [field]: new_value });
  }
  return records;
};

const saveRecords = async (tx: SqlSession, t: IncidentListTables, records: IncidentRecord[]): Promise<void> => {
  if (records.length === 0) return;
  const names = LIST_COLUMN_NAMES.join(', ');
  const updates = LIST_COLUMN_NAMES.filter((name) => name !== 'incident_id')
    .map((name) => `${name} = EXCLUDED.${name}`)
    .join(', ');
  await tx.query(
    `INSERT INTO ${t.incident_list} (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${LIST_COLUMNS})
     ON CONFLICT (incident_id) DO UPDATE SET ${updates}`,
    [JSON.stringify(records.map(rowOfRecord))],
  );
};

const saveChanges = async (tx: SqlSession, t: IncidentListTables, changes: FieldChange[]): Promise<void> => {
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO ${t.incident_history} (incident_id, position, ordinal, at, actor, field, old_value, new_value, event_type)
     SELECT "incidentId", revision, ordinal, at, actor, field, "oldValue", "newValue", "eventType"
     FROM jsonb_to_recordset($1::jsonb) AS r("incidentId" uuid, revision integer, ordinal smallint, at timestamptz, actor text,
       field text, "oldValue" text, "newValue" text, "eventType" text)`,
    [JSON.stringify(changes)],
  );
};

/** Indexes each incident opened in the batch for text search, once: what it is found by never changes after. */
const saveSearchTerms = async (tx: SqlSession, t: IncidentListTables, events: readonly RecordedEvent[]): Promise<void> => {
  const opened = events.filter((event) => event.type === 'IncidentOpened').map((event) => event.data as IncidentOpenedV1);
  if (opened.length === 0) return;
  await tx.query(
    `INSERT INTO ${t.incident_search} (incident_id, opened_at, terms)
     SELECT id, opened_at, array_to_tsvector(terms) FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, opened_at timestamptz, terms text[])
     ON CONFLICT (incident_id) DO NOTHING`,
    [JSON.stringify(opened.map((incident) => ({ id: incident.incidentId, opened_at: incident.openedAt, terms: searchTermsOf(incident) })))],
  );
};

/**
 * Folds a batch in memory (each incident's row read once, written once) and records each event's field changes.
 * Rows and history belong to one incident stream each, so per-stream order (Kafka) gives the same tables.
 */
const applyBatch = async (tx: SqlSession, events: readonly RecordedEvent[], t: IncidentListTables): Promise<void> => {
  const records = await loadRecords(tx, t, [...new Set(events.map((event) => incidentIdOf(event.streamId)))]);
  const touched = new Set<string>();
  const changes: FieldChange[] = [];
  for (const event of events) {
    const incidentId = incidentIdOf(event.streamId);
    const before = records.get(incidentId) ?? null;
    const after = evolveIncidentRecord(before, event);
    if (after === null) continue;
    changes.push(...fieldChangesOf(before, after, event));
    records.set(incidentId, after);
    touched.add(incidentId);
  }
  await saveRecords(tx, t, [...touched].map((incidentId) => records.get(incidentId) as IncidentRecord));
  await saveChanges(tx, t, changes);
  await saveSearchTerms(tx, t, events);
};

/** The incident list (filters, text search, keyset pages) and the field-level history, from incident and SLA events. */
export const incidentListProjection = defineProjection<IncidentListTable>({
  name: INCIDENT_LIST_PROJECTION,
  eventTypes: INCIDENTS_EVENT_TYPES,
  tables: ['incident_list', 'incident_history', 'incident_search'],
  createTables: createIncidentListTables,
  apply: (tx, event, t) => applyBatch(tx, [event], t),
  applyBatch,
});
