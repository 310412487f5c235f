import { CHANGE_STREAM_PREFIX, changeIdOf, CHANGES_EVENT_TYPES } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection } from '@itsm/projections';
import { historyLinesOf, type ChangeFieldChange } from './change-history';
import { LIST_COLUMN_NAMES, LIST_COLUMNS, recordOfRow, rowOfRecord, type ChangeListRow } from './change-list-rows';
import { createChangeListTables, type ChangeListTable, type ChangeListTables } from './change-list.tables';
import { evolveChangeRecord, type ChangeRecord } from './change-record';
import { searchTermsOf } from './change-text-query';

export const CHANGE_LIST_PROJECTION = 'change_list';

const loadRecords = async (tx: SqlSession, t: ChangeListTables, changeIds: string[]): Promise<Map<string, ChangeRecord>> => {
  const rows = await tx.query<ChangeListRow>(`SELECT * FROM ${t.change_list} WHERE change_id = ANY($1::uuid[])`, [changeIds]);
  return new Map(rows.map((row) => [row.change_id, recordOfRow(row)]));
};

const saveRecords = async (tx: SqlSession, t: ChangeListTables, records: ChangeRecord[]): Promise<void> => {
  if (records.length === 0) return;
  const names = LIST_COLUMN_NAMES.join(', ');
  const updates = LIST_COLUMN_NAMES.filter((name) => name !== 'change_id').map((name) => `${name} = EXCLUDED.${name}`).join(', ');
  await tx.query(
    `INSERT INTO ${t.change_list} (${names})
     SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${LIST_COLUMNS})
     ON CONFLICT (change_id) DO UPDATE SET ${updates}`,
    [JSON.stringify(records.map(rowOfRecord))],
  );
};

const saveHistory = async (tx: SqlSession, t: ChangeListTables, lines: ChangeFieldChange[]): Promise<void> => {
  if (lines.length === 0) return;
  await tx.query(
    `INSERT INTO ${t.change_history} (change_id, revision, ordinal, at, actor, field, old_value, new_value, event_type)
     SELECT "changeId", revision, ordinal, at, actor, field, "oldValue", "newValue", "eventType"
     FROM jsonb_to_recordset($1::jsonb) AS r("changeId" uuid, revision integer, ordinal smallint, at timestamptz, actor text,
       field text, "oldValue" text, "newValue" text, "eventType" text)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(lines)],
  );
};

/** (Re)indexes the changes whose number or texts moved in the batch, once each, with their last texts. */
const saveSearchTerms = async (tx: SqlSession, t: ChangeListTables, records: ChangeRecord[]): Promise<void> => {
  if (records.length === 0) return;
  await tx.query(
    `INSERT INTO ${t.change_search} (change_id, raised_at, terms)
     SELECT id, raised_at, array_to_tsvector(terms) FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, raised_at timestamptz, terms text[])
     ON CONFLICT (change_id) DO UPDATE SET terms = EXCLUDED.terms`,
    [JSON.stringify(records.map((record) => ({ id: record.changeId, raised_at: record.raisedAt, terms: searchTermsOf(record) })))],
  );
};

const searchMoved = (before: ChangeRecord | null, after: ChangeRecord): boolean =>
  before === null || before.shortDescription !== after.shortDescription || before.description !== after.description;

/**
 * Folds a batch in memory (each change's row read once, written once) and records each event's history lines. Rows,
 * history and search terms belong to one change stream each, so per-stream order (Kafka) gives the same tables.
 */
const applyBatch = async (tx: SqlSession, events: readonly RecordedEvent[], t: ChangeListTables): Promise<void> => {
  const changeEvents = events.filter((event) => event.streamId.startsWith(CHANGE_STREAM_PREFIX));
  if (changeEvents.length === 0) return;
  const records = await loadRecords(tx, t, [...new Set(changeEvents.map((event) => changeIdOf(event.streamId)))]);
  const touched = new Set<string>();
  const searched = new Set<string>();
  const lines: ChangeFieldChange[] = [];
  for (const event of changeEvents) {
    const changeId = changeIdOf(event.streamId);
    const before = records.get(changeId) ?? null;
    // A replayed event (at-least-once delivery) is older than the row: nothing to do.
    if (before !== null && event.streamRevision <= before.revision) continue;
    const after = evolveChangeRecord(before, event);
    if (after === null) continue;
    lines.push(...historyLinesOf(before, after, event));
    if (searchMoved(before, after)) searched.add(changeId);
    records.set(changeId, after);
    touched.add(changeId);
  }
  const recordsOf = (ids: Set<string>) => [...ids].map((changeId) => records.get(changeId) as ChangeRecord);
  await saveRecords(tx, t, recordsOf(touched));
  await saveHistory(tx, t, lines);
  await saveSearchTerms(tx, t, recordsOf(searched));
};

/**
 * The change list (filters, text search, keyset pages), the field-level history, and the implementer groups' recent
 * outcomes the risk assessment reads, from the change events (freeze-window events pass by).
 */
export const changeListProjection = defineProjection<ChangeListTable>({
  name: CHANGE_LIST_PROJECTION,
  eventTypes: CHANGES_EVENT_TYPES,
  tables: ['change_list', 'change_history', 'change_search'],
  createTables: createChangeListTables,
  apply: (tx, event, t) => applyBatch(tx, [event], t),
  applyBatch,
});

export type { ChangeListTables } from './change-list.tables';
