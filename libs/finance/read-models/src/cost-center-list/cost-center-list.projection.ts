import { COST_CENTER_EVENT_TYPES, costCenterIdOf, type CostCenterMovedV1, type CostCenterOpenedV1, type CostCenterRenamedV1, type CostCenterClosedV1 } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';

export const COST_CENTER_LIST_PROJECTION = 'cost_center_list';

export type CostCenterListTables = TableNames<'cost_center_list'>;

// One row per cost center stream: the same rows from the log (global order) or from Kafka (per-stream order).
const createTables = (t: CostCenterListTables): string => `
  CREATE TABLE ${t.cost_center_list} (
    cost_center_id uuid PRIMARY KEY,
    code text NOT NULL,
    name text NOT NULL,
    currency text NOT NULL,
    parent_id uuid,
    status text NOT NULL,
    opened_at timestamptz NOT NULL,
    closed_at timestamptz,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.cost_center_list} (code, cost_center_id);
  CREATE INDEX ON ${t.cost_center_list} (parent_id, code, cost_center_id);
`;

/** Moves the row to the event's revision; a replayed event (at-least-once delivery) finds it there already. */
const update = (tx: SqlSession, t: CostCenterListTables, event: RecordedEvent, assignments: string, values: unknown[]) =>
  tx.query(`UPDATE ${t.cost_center_list} SET ${assignments}, revision = $2 WHERE cost_center_id = $1 AND revision < $2`, [
    costCenterIdOf(event.streamId),
    event.streamRevision,
    ...values,
  ]);

/** The cost center rows the finance lists and the hierarchy read: code, name, currency, parent, status. */
export const costCenterListProjection = defineProjection<'cost_center_list'>({
  name: COST_CENTER_LIST_PROJECTION,
  eventTypes: COST_CENTER_EVENT_TYPES,
  tables: ['cost_center_list'],
  createTables,
  apply: async (tx, event, t) => {
    switch (event.type) {
      case 'CostCenterOpened': {
        const data = event.data as CostCenterOpenedV1;
        await tx.query(
          `INSERT INTO ${t.cost_center_list} (cost_center_id, code, name, currency, parent_id, status, opened_at, revision)
           VALUES ($1, $2, $3, $4, $5, 'opened', $6, $7) ON CONFLICT (cost_center_id) DO NOTHING`,
          [costCenterIdOf(event.streamId), data.code, data.name, data.currency, data.parentId, data.openedAt, event.streamRevision],
        );
        return;
      }
      case 'CostCenterRenamed':
        await update(tx, t, event, 'name = $3', [(event.data as CostCenterRenamedV1).name]);
        return;
      case 'CostCenterMoved':
        await update(tx, t, event, 'parent_id = $3', [(event.data as CostCenterMovedV1).parentId]);
        return;
      case 'CostCenterClosed':
        await update(tx, t, event, `status = 'closed', closed_at = $3`, [(event.data as CostCenterClosedV1).closedAt]);
        return;
    }
  },
});
