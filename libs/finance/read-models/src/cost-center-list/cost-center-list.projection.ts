import { COST_CENTER_EVENT_TYPES, costCenterIdOf, type CostCenterOpened } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';

export const COST_CENTER_LIST_PROJECTION = 'cost_center_list';

export type CostCenterListTables = TableNames<'cost_center_list'>;

// One row per cost center stream: the same rows from the log (global order) or from Kafka (per-stream order).
const createTables = (t: CostCenterListTables): string => `
  CREATE TABLE ${t.cost_center_list} (
    cost_center_id uuid PRIMARY KEY,
    name text NOT NULL,
    status text NOT NULL,
    opened_at timestamptz NOT NULL,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.cost_center_list} (opened_at DESC, cost_center_id DESC);
`;

const opened = (tx: SqlSession, t: CostCenterListTables, event: RecordedEvent, data: CostCenterOpened['data']) =>
  // A replayed event (at-least-once delivery) finds its row already there.
  tx.query(
    `INSERT INTO ${t.cost_center_list} (cost_center_id, name, status, opened_at, revision)
     VALUES ($1, $2, 'opened', $3, $4) ON CONFLICT (cost_center_id) DO NOTHING`,
    [costCenterIdOf(event.streamId), data.name, data.openedAt, event.streamRevision],
  );

/** The cost center rows the finance lists and views read. */
export const costCenterListProjection = defineProjection<'cost_center_list'>({
  name: COST_CENTER_LIST_PROJECTION,
  // Only the cost center's events: budgets, rate cards and the other finance streams have read models of their own.
  eventTypes: COST_CENTER_EVENT_TYPES,
  tables: ['cost_center_list'],
  createTables,
  apply: async (tx, event, t) => {
    switch (event.type) {
      case 'CostCenterOpened':
        await opened(tx, t, event, event.data as CostCenterOpened['data']);
        return;
    }
  },
});
