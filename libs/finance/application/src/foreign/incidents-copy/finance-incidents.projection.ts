import type { IncidentOpenedV1, IncidentWorkLoggedV1, SlaBreachedV1, SlaTimerRetargetedV1, SlaTimerStartedV1 } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION, defineProjection, type TableNames } from '@itsm/projections';
import { DEFAULT_LABOUR_ROLE } from '../../ports/finance-incidents.port';

export type FinanceIncidentsTable = 'finance_incidents' | 'finance_sla_timers' | 'finance_work_logs' | 'finance_sla_breaches';
export type FinanceIncidentsTables = TableNames<FinanceIncidentsTable>;

export const FINANCE_INCIDENTS_PROJECTION = 'finance_incidents';
export const FINANCE_INCIDENTS_SCHEMA = DEFAULT_READ_MODEL_LOCATION.schema;

const ROLE_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The role work is priced at: the actor's role when it is a rate-card key, else the default. */
export const labourRoleOf = (event: Pick<RecordedEvent, 'actor'>): string => {
  const role = event.actor?.role?.trim().toLowerCase();
  return role !== undefined && ROLE_KEY.test(role) ? role : DEFAULT_LABOUR_ROLE;
};

/**
 * Finance's own copy of what it needs of incidents, built only from the incidents' published events: each
 * incident's number and service, the target of each SLA timer (priority, offering), the work logged (minutes, by
 * whom, in which role, on which day: labour is priced from it with a rate card) and the SLA breaches (for the
 * service-credit process). Everything comes from the incident's own stream, so per-stream order (Kafka) gives the
 * same rows as the log. Work logs and breaches are indexed by day/time, as a period close reads them.
 */
export const financeIncidentsProjection = defineProjection<FinanceIncidentsTable>({
  name: FINANCE_INCIDENTS_PROJECTION,
  eventTypes: ['IncidentOpened', 'SlaTimerStarted', 'SlaTimerRetargeted', 'IncidentWorkLogged', 'SlaBreached'],
  tables: ['finance_incidents', 'finance_sla_timers', 'finance_work_logs', 'finance_sla_breaches'],
  createTables: (t) => `
    CREATE TABLE ${t.finance_incidents} (
      incident_id text PRIMARY KEY,
      number text NOT NULL,
      service_id text NOT NULL,
      offering_id text
    );
    CREATE TABLE ${t.finance_sla_timers} (
      incident_id text NOT NULL,
      kind text NOT NULL,
      priority text NOT NULL,
      offering_id text NOT NULL,
      PRIMARY KEY (incident_id, kind)
    );
    CREATE TABLE ${t.finance_work_logs} (
      entry_id text PRIMARY KEY,
      incident_id text NOT NULL,
      minutes integer NOT NULL,
      logged_by text NOT NULL,
      role text NOT NULL,
      logged_on date NOT NULL,
      logged_at timestamptz NOT NULL
    );
    CREATE INDEX ON ${t.finance_work_logs} (logged_on, entry_id);
    CREATE TABLE ${t.finance_sla_breaches} (
      breach_event_id text PRIMARY KEY,
      incident_id text NOT NULL,
      timer_kind text NOT NULL,
      priority text,
      offering_id text,
      due_at timestamptz NOT NULL,
      breached_at timestamptz NOT NULL
    );
    CREATE INDEX ON ${t.finance_sla_breaches} (breached_at, breach_event_id);`,
  apply: (tx, event, t) => applyIncidentEvent(tx, event, t),
});

const applyIncidentEvent = async (tx: SqlSession, event: RecordedEvent, t: FinanceIncidentsTables): Promise<void> => {
  switch (event.type) {
    case 'IncidentOpened': {
      const { incidentId, number, serviceId, offeringId } = event.data as IncidentOpenedV1;
      await tx.query(
        `INSERT INTO ${t.finance_incidents} (incident_id, number, service_id, offering_id) VALUES ($1, $2, $3, $4) ON CONFLICT (incident_id) DO NOTHING`,
        [incidentId, number, serviceId, offeringId],
      );
      return;
    }
    case 'SlaTimerStarted':
    case 'SlaTimerRetargeted': {
      const { incidentId, kind, priority, offeringId } = event.data as SlaTimerStartedV1 | SlaTimerRetargetedV1;
      await tx.query(
        `INSERT INTO ${t.finance_sla_timers} (incident_id, kind, priority, offering_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (incident_id, kind) DO UPDATE SET priority = excluded.priority, offering_id = excluded.offering_id`,
        [incidentId, kind, priority, offeringId],
      );
      return;
    }
    case 'IncidentWorkLogged': {
      const { incidentId, entryId, minutesSpent, loggedBy, loggedAt } = event.data as IncidentWorkLoggedV1;
      await tx.query(
        `INSERT INTO ${t.finance_work_logs} (entry_id, incident_id, minutes, logged_by, role, logged_on, logged_at)
         VALUES ($1, $2, $3, $4, $5, ($6::timestamptz AT TIME ZONE 'UTC')::date, $6) ON CONFLICT (entry_id) DO NOTHING`,
        [entryId, incidentId, minutesSpent, loggedBy, labourRoleOf(event), loggedAt],
      );
      return;
    }
    case 'SlaBreached': {
      // The timer's target as it stood when it breached: the same stream wrote it before.
      const { incidentId, kind, dueAt, breachedAt } = event.data as SlaBreachedV1;
      await tx.query(
        `INSERT INTO ${t.finance_sla_breaches} (breach_event_id, incident_id, timer_kind, priority, offering_id, due_at, breached_at)
         SELECT $1, $2, $3, timer.priority, timer.offering_id, $4, $5
         FROM (SELECT 1) AS one LEFT JOIN ${t.finance_sla_timers} timer ON timer.incident_id = $2 AND timer.kind = $3
         ON CONFLICT (breach_event_id) DO NOTHING`,
        [event.eventId, incidentId, kind, dueAt, breachedAt],
      );
      return;
    }
    default:
      return;
  }
};
