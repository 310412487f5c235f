import type { IncidentEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';

export type ChangesIncidentsTable = 'changes_incidents' | 'changes_incident_links';
export type ChangesIncidentsTables = TableNames<ChangesIncidentsTable>;

/** Schema of the changes' incidents copy: the projection runtime's default, where every host runs it. */
export const CHANGES_INCIDENTS_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

/**
 * The changes context's own copy of what it needs of incidents, built only from the incidents' published events
 * (the log embedded, `itsm.incidents.events.v1` distributed): each incident's number, service, whether it is open,
 * its major-incident status, when it was opened and last resolved (the automatic freeze of a major incident; DORA's
 * failed-deployment recovery time), and the incidents' links to changes. Everything comes from the incident's own stream, so per-stream
 * order (Kafka) gives the same rows as the log.
 */
export const changesIncidentsProjection = defineProjection<ChangesIncidentsTable>({
  name: 'changes_incidents',
  eventTypes: [
    'IncidentOpened',
    'IncidentResolved',
    'IncidentClosed',
    'IncidentReopened',
    'IncidentCancelled',
    'MajorIncidentProposed',
    'MajorIncidentAccepted',
    'MajorIncidentRejected',
    'IncidentLinkedToChange',
  ],
  tables: ['changes_incidents', 'changes_incident_links'],
  createTables: (t) => `
    CREATE TABLE ${t.changes_incidents} (
      incident_id text PRIMARY KEY,
      number text NOT NULL,
      service_id text NOT NULL,
      open boolean NOT NULL,
      major_status text NOT NULL,
      major_accepted_at timestamptz,
      opened_at timestamptz NOT NULL,
      resolved_at timestamptz
    );
    CREATE INDEX ON ${t.changes_incidents} (service_id, major_accepted_at) WHERE open AND major_status = 'accepted';
    CREATE TABLE ${t.changes_incident_links} (
      incident_id text NOT NULL,
      change_id text NOT NULL,
      relation text NOT NULL,
      linked_at timestamptz NOT NULL,
      PRIMARY KEY (incident_id, change_id, relation)
    );
    CREATE INDEX ON ${t.changes_incident_links} (change_id, linked_at) WHERE relation = 'caused-by';`,
  apply: (tx, event, t) => applyIncidentEvent(tx, event as RecordedEvent & IncidentEvent, t),
});

const applyIncidentEvent = async (tx: SqlSession, event: RecordedEvent & IncidentEvent, t: ChangesIncidentsTables): Promise<void> => {
  const set = (assignments: string, ...values: unknown[]) =>
    tx.query(`UPDATE ${t.changes_incidents} SET ${assignments} WHERE incident_id = $1`, [event.data.incidentId, ...values]);
  switch (event.type) {
    case 'IncidentOpened': {
      const { incidentId, number, serviceId, openedAt } = event.data;
      await tx.query(
        `INSERT INTO ${t.changes_incidents} (incident_id, number, service_id, open, major_status, opened_at) VALUES ($1, $2, $3, true, 'none', $4)
         ON CONFLICT (incident_id) DO NOTHING`,
        [incidentId, number, serviceId, openedAt],
      );
      return;
    }
    case 'IncidentResolved':
      await set('open = false, resolved_at = $2', event.data.resolvedAt);
      return;
    case 'IncidentClosed':
      await set('open = false');
      return;
    case 'IncidentCancelled':
      await set('open = false');
      return;
    case 'IncidentReopened':
      // Back to work: an accepted major incident freezes its service again, and it is no longer restored.
      await set('open = true, resolved_at = NULL');
      return;
    case 'MajorIncidentProposed':
      await set(`major_status = CASE WHEN major_status = 'accepted' THEN major_status ELSE 'proposed' END`);
      return;
    case 'MajorIncidentAccepted':
      await set(`major_status = 'accepted', major_accepted_at = $2`, event.data.acceptedAt);
      return;
    case 'MajorIncidentRejected':
      await set(`major_status = 'rejected'`);
      return;
    case 'IncidentLinkedToChange': {
      const { incidentId, changeId, relation, linkedAt } = event.data;
      await tx.query(
        `INSERT INTO ${t.changes_incident_links} (incident_id, change_id, relation, linked_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [incidentId, changeId, relation, linkedAt],
      );
      return;
    }
    default:
      return;
  }
};
