import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import type { CalendarEvent, ServiceEvent } from '@itsm/contracts';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';

export type IncidentsCatalogTable = 'services' | 'offerings' | 'calendar_versions';
type Tables = TableNames<IncidentsCatalogTable>;

/**
 * Schema of the incidents' catalog copy: the projection runtime's default, where every host runs it. The seed,
 * the CLI and the servers must agree, since the projection's checkpoint is shared by name.
 */
export const INCIDENTS_CATALOG_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

/**
 * The incidents service's own copy of the catalog, built only from catalog events (the log embedded, Kafka
 * distributed): services (lifecycle, default offering), offerings (calendar, SLA targets) and every version of
 * every calendar, effective from the instant its event was recorded, so an SLA replay finds the calendar that was
 * in force at a past instant. Rows are kept per stream, so per-stream order (Kafka) is enough.
 */
export const incidentsCatalogProjection = defineProjection<IncidentsCatalogTable>({
  name: 'incidents_catalog',
  eventTypes: [
    'ServiceRegistered',
    'ServiceWentLive',
    'ServiceRetired',
    'ServiceOfferingAdded',
    'ServiceOfferingUpdated',
    'ServiceOfferingRemoved',
    'ServiceDefaultOfferingChanged',
    'CalendarCreated',
    'CalendarUpdated',
  ],
  tables: ['services', 'offerings', 'calendar_versions'],
  createTables: (t) => `
    CREATE TABLE ${t.services} (service_id text PRIMARY KEY, lifecycle text NOT NULL, default_offering_id text);
    CREATE TABLE ${t.offerings} (
      service_id text NOT NULL, offering_id text NOT NULL, calendar_id text NOT NULL, sla_targets jsonb NOT NULL,
      PRIMARY KEY (service_id, offering_id));
    CREATE TABLE ${t.calendar_versions} (
      calendar_id text NOT NULL, stream_revision integer NOT NULL, effective_from timestamptz NOT NULL,
      definition jsonb NOT NULL, PRIMARY KEY (calendar_id, stream_revision));`,
  apply: (tx, event, t) => applyCatalogEvent(tx, event as RecordedEvent & (ServiceEvent | CalendarEvent), t),
});

const applyCatalogEvent = async (tx: SqlSession, event: RecordedEvent & (ServiceEvent | CalendarEvent), t: Tables) => {
  switch (event.type) {
    case 'ServiceRegistered':
      await tx.query(`INSERT INTO ${t.services} (service_id, lifecycle) VALUES ($1, 'pipeline') ON CONFLICT DO NOTHING`, [
        event.data.serviceId,
      ]);
      return;
    case 'ServiceWentLive':
      await tx.query(`UPDATE ${t.services} SET lifecycle = 'live' WHERE service_id = $1`, [event.data.serviceId]);
      return;
    case 'ServiceRetired':
      await tx.query(`UPDATE ${t.services} SET lifecycle = 'retired' WHERE service_id = $1`, [event.data.serviceId]);
      return;
    case 'ServiceOfferingAdded':
    case 'ServiceOfferingUpdated': {
      const { serviceId, offeringId, calendarId, slaTargets } = event.data;
      await tx.query(
        `INSERT INTO ${t.offerings} (service_id, offering_id, calendar_id, sla_targets) VALUES ($1, $2, $3, $4)
         ON CONFLICT (service_id, offering_id) DO UPDATE SET calendar_id = excluded.calendar_id, sla_targets = excluded.sla_targets`,
        [serviceId, offeringId, calendarId, JSON.stringify(slaTargets)],
      );
      return;
    }
    case 'ServiceOfferingRemoved':
      await tx.query(`DELETE FROM ${t.offerings} WHERE service_id = $1 AND offering_id = $2`, [
        event.data.serviceId,
        event.data.offeringId,
      ]);
      return;
    case 'ServiceDefaultOfferingChanged':
      await tx.query(`UPDATE ${t.services} SET default_offering_id = $2 WHERE service_id = $1`, [
        event.data.serviceId,
        event.data.defaultOfferingId,
      ]);
      return;
    case 'CalendarCreated':
    case 'CalendarUpdated': {
      const { calendarId, name, timeZone, weeklyHours, holidays } = event.data;
      await tx.query(
        `INSERT INTO ${t.calendar_versions} (calendar_id, stream_revision, effective_from, definition) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [calendarId, event.streamRevision, event.recordedAt, JSON.stringify({ name, timeZone, weeklyHours, holidays })],
      );
      return;
    }
    default:
      // Other catalog events (dependencies, cost models, templates) do not concern incidents.
      return;
  }
};
