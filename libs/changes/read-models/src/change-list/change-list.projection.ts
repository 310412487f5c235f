import { changeIdOf, CHANGES_EVENT_TYPES, type ChangeRaised } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';

export const CHANGE_LIST_PROJECTION = 'change_list';

export type ChangeListTables = TableNames<'change_list'>;

// One row per change stream: the same rows from the log (global order) or from Kafka (per-stream order).
const createTables = (t: ChangeListTables): string => `
  CREATE TABLE ${t.change_list} (
    change_id uuid PRIMARY KEY,
    short_description text NOT NULL,
    status text NOT NULL,
    raised_at timestamptz NOT NULL,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.change_list} (raised_at DESC, change_id DESC);
`;

const raised = (tx: SqlSession, t: ChangeListTables, event: RecordedEvent, data: ChangeRaised['data']) =>
  // A replayed event (at-least-once delivery) finds its row already there.
  tx.query(
    `INSERT INTO ${t.change_list} (change_id, short_description, status, raised_at, revision)
     VALUES ($1, $2, 'raised', $3, $4) ON CONFLICT (change_id) DO NOTHING`,
    [changeIdOf(event.streamId), data.shortDescription, data.raisedAt, event.streamRevision],
  );

/** The change rows the changes lists and views read. */
export const changeListProjection = defineProjection<'change_list'>({
  name: CHANGE_LIST_PROJECTION,
  eventTypes: CHANGES_EVENT_TYPES,
  tables: ['change_list'],
  createTables,
  apply: async (tx, event, t) => {
    switch (event.type) {
      case 'ChangeRaised':
        await raised(tx, t, event, event.data as ChangeRaised['data']);
        return;
    }
  },
});
