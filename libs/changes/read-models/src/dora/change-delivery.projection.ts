import { changeIdOf, type ChangeEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';

export const CHANGE_DELIVERY_PROJECTION = 'change_delivery';

export type ChangeDeliveryTable = 'delivery_changes' | 'delivery_services';
export type ChangeDeliveryTables = TableNames<ChangeDeliveryTable>;

/** The change events the DORA figures read: when a change was raised, its services, when it was completed and how. */
export const CHANGE_DELIVERY_EVENT_TYPES = ['ChangeRaised', 'ChangeUpdated', 'ChangeTypeChanged', 'ChangeCompleted'] as const;

/*
 * One row per change (`delivery_changes`: raised, services, completion and outcome) and, once it is completed, one
 * row per service it touched (`delivery_services`), indexed by (service, completed at): the DORA reads of a service
 * over a range are one index range, whatever the size of the history. Every row is written from the change's own
 * stream, so the log (global order) and Kafka (per-stream order) give the same tables; replays are no-ops (revision
 * guard, ON CONFLICT).
 */
const createTables = (t: ChangeDeliveryTables): string => `
  CREATE TABLE ${t.delivery_changes} (
    change_id text PRIMARY KEY,
    number text NOT NULL,
    type text NOT NULL,
    service_ids text[] NOT NULL,
    raised_at timestamptz NOT NULL,
    completed_at timestamptz,
    outcome text,
    revision integer NOT NULL
  );
  CREATE TABLE ${t.delivery_services} (
    service_id text NOT NULL,
    change_id text NOT NULL,
    completed_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, change_id)
  );
  CREATE INDEX ON ${t.delivery_services} (service_id, completed_at);
`;

const apply = async (tx: SqlSession, event: RecordedEvent & ChangeEvent, t: ChangeDeliveryTables): Promise<void> => {
  const changeId = changeIdOf(event.streamId);
  const revision = event.streamRevision;
  switch (event.type) {
    case 'ChangeRaised': {
      const { number, type, serviceIds, raisedAt } = event.data;
      await tx.query(
        `INSERT INTO ${t.delivery_changes} (change_id, number, type, service_ids, raised_at, revision)
         VALUES ($1, $2, $3, $4::text[], $5, $6) ON CONFLICT (change_id) DO NOTHING`,
        [changeId, number, type, serviceIds, raisedAt, revision],
      );
      return;
    }
    case 'ChangeUpdated': {
      // Services are edited only until implementation starts, so a completed change's services are final.
      const serviceIds = event.data.changes.serviceIds;
      if (!serviceIds) return;
      await tx.query(`UPDATE ${t.delivery_changes} SET service_ids = $2::text[], revision = $3 WHERE change_id = $1 AND revision < $3`, [changeId, serviceIds, revision]);
      return;
    }
    case 'ChangeTypeChanged':
      await tx.query(`UPDATE ${t.delivery_changes} SET type = $2, revision = $3 WHERE change_id = $1 AND revision < $3`, [changeId, event.data.to, revision]);
      return;
    case 'ChangeCompleted': {
      const { completedAt, outcome } = event.data;
      const [row] = await tx.query<{ service_ids: string[] }>(
        `UPDATE ${t.delivery_changes} SET completed_at = $2, outcome = $3, revision = $4 WHERE change_id = $1 AND revision < $4 RETURNING service_ids`,
        [changeId, completedAt, outcome, revision],
      );
      if (!row) return;
      await tx.query(
        `INSERT INTO ${t.delivery_services} (service_id, change_id, completed_at)
         SELECT service_id, $1, $2 FROM unnest($3::text[]) AS s(service_id) ON CONFLICT DO NOTHING`,
        [changeId, completedAt, row.service_ids],
      );
      return;
    }
    default:
      return;
  }
};

/**
 * Changes as deliveries, for the DORA figures of a service (`DoraQueries`): raised at, completed at (the
 * deployment), outcome, services. Incidents caused by a change come from the changes' incidents copy when read.
 */
export const changeDeliveryProjection = defineProjection<ChangeDeliveryTable>({
  name: CHANGE_DELIVERY_PROJECTION,
  eventTypes: CHANGE_DELIVERY_EVENT_TYPES,
  tables: ['delivery_changes', 'delivery_services'],
  createTables,
  apply: (tx, event, t) => apply(tx, event as RecordedEvent & ChangeEvent, t),
});
