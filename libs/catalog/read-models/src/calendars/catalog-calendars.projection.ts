import { CALENDAR_EVENT_TYPES, type CalendarCreatedV2, type CalendarUpdatedV1 } from '@itsm/contracts';
import { defineProjection } from '@itsm/projections';

export const CATALOG_CALENDARS_PROJECTION = 'catalog_calendars';

export type CatalogCalendarsTable = 'catalog_calendars';

/**
 * Support-hours calendars; both events carry the whole calendar, so each one is an upsert of its row. The number
 * comes with CalendarCreated (null for one created before numbering, upcast from v1) and an update keeps it.
 */
export const catalogCalendarsProjection = defineProjection<CatalogCalendarsTable>({
  name: CATALOG_CALENDARS_PROJECTION,
  eventTypes: CALENDAR_EVENT_TYPES,
  tables: ['catalog_calendars'],
  createTables: (t) => `
    CREATE TABLE ${t.catalog_calendars} (
      calendar_id uuid PRIMARY KEY,
      number text UNIQUE,
      name text NOT NULL,
      time_zone text NOT NULL,
      weekly_hours jsonb NOT NULL,
      holidays jsonb NOT NULL,
      revision integer NOT NULL,
      created_position bigint NOT NULL UNIQUE,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );`,
  apply: async (tx, event, t) => {
    const d = event.data as CalendarCreatedV2 | CalendarUpdatedV1;
    const number = event.type === 'CalendarCreated' ? (d as CalendarCreatedV2).number : null;
    await tx.query(
      `INSERT INTO ${t.catalog_calendars}
         (calendar_id, number, name, time_zone, weekly_hours, holidays, revision, created_position, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (calendar_id) DO UPDATE SET name = excluded.name, time_zone = excluded.time_zone,
         weekly_hours = excluded.weekly_hours, holidays = excluded.holidays, revision = excluded.revision, updated_at = excluded.updated_at`,
      [d.calendarId, number, d.name, d.timeZone, JSON.stringify(d.weeklyHours), JSON.stringify(d.holidays), event.streamRevision, event.globalPosition, event.recordedAt],
    );
  },
});
