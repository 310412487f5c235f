import { incidentIdOf, SLA_EVENT_TYPES, type SlaEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { pendingSlaDeadlines, slaDecider } from '@itsm/incidents-domain';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';
import { calendarSourceOf } from '../../foreign/catalog-copy/calendar-versions';
import { SqlIncidentCatalog } from '../../foreign/catalog-copy/sql-incident-catalog.adapter';

export type SlaDueTimersTable = 'sla_timer_events' | 'sla_due_timers';
type Tables = TableNames<SlaDueTimersTable>;

/** The projection's name, and its table the SLA scheduler polls. */
export const SLA_DUE_TIMERS = 'sla_due_timers';

/**
 * Every incident's pending SLA deadlines (50 % and 75 % warnings, breach), as a projection of its SLA events: rows
 * and checkpoint commit together, so a crash between an incident's append and its timers leaves nothing to repair
 * (the projection catches up from its checkpoint). It keeps each incident's SLA events to refold them (the warning
 * instants are business time in the offering's calendar, whose versions come from the catalog copy in the same
 * schema, read in the same transaction).
 */
export const slaDueTimersProjection = (catalogSchema: string = DEFAULT_READ_MODEL_LOCATION.schema) =>
  defineProjection<SlaDueTimersTable>({
    name: SLA_DUE_TIMERS,
    eventTypes: SLA_EVENT_TYPES,
    tables: ['sla_timer_events', 'sla_due_timers'],
    createTables: (t) => `
      CREATE TABLE ${t.sla_timer_events} (
        incident_id text NOT NULL, stream_revision integer NOT NULL, type text NOT NULL, data jsonb NOT NULL,
        PRIMARY KEY (incident_id, stream_revision));
      CREATE TABLE ${t.sla_due_timers} (
        incident_id text NOT NULL, kind text NOT NULL, threshold integer NOT NULL, due_at timestamptz NOT NULL,
        PRIMARY KEY (incident_id, kind, threshold));
      CREATE INDEX ON ${t.sla_due_timers} (due_at);`,
    apply: (tx, event, t) => applySlaEvents(tx, [event], t, catalogSchema),
    applyBatch: (tx, events, t) => applySlaEvents(tx, events, t, catalogSchema),
  });

const applySlaEvents = async (tx: SqlSession, events: readonly RecordedEvent[], t: Tables, catalogSchema: string): Promise<void> => {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO ${t.sla_timer_events} (incident_id, stream_revision, type, data)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]::jsonb[]) ON CONFLICT DO NOTHING`,
    [
      events.map((event) => incidentIdOf(event.streamId)),
      events.map((event) => event.streamRevision),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event.data)),
    ],
  );
  const catalog = new SqlIncidentCatalog(tx, catalogSchema);
  for (const incidentId of new Set(events.map((event) => incidentIdOf(event.streamId)))) {
    const slaEvents = (
      await tx.query<{ type: SlaEvent['type']; data: SlaEvent['data'] | string }>(
        `SELECT type, data FROM ${t.sla_timer_events} WHERE incident_id = $1 ORDER BY stream_revision`,
        [incidentId],
      )
    ).map((row) => ({ type: row.type, data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data }) as SlaEvent);
    const calendarIds = [...new Set(slaEvents.flatMap((event) => ('calendarId' in event.data ? [event.data.calendarId] : [])))];
    const sla = slaDecider(calendarSourceOf(await catalog.calendarVersions(calendarIds)));
    const deadlines = pendingSlaDeadlines(slaEvents.reduce(sla.evolve, sla.initialState()));
    await tx.query(`DELETE FROM ${t.sla_due_timers} WHERE incident_id = $1`, [incidentId]);
    if (deadlines.length === 0) continue;
    await tx.query(
      `INSERT INTO ${t.sla_due_timers} (incident_id, kind, threshold, due_at) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::timestamptz[])`,
      [incidentId, deadlines.map((deadline) => deadline.kind), deadlines.map((deadline) => deadline.threshold), deadlines.map((deadline) => deadline.at.toISOString())],
    );
  }
};
