import type { SqlSession } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import type { FinanceIncidents, LoggedWork, SlaBreach } from '../../ports/finance-incidents.port';
import { FINANCE_INCIDENTS_SCHEMA, financeIncidentsProjection, type FinanceIncidentsTables } from './finance-incidents.projection';

const iso = (value: Date | string): string => new Date(value).toISOString();
const day = (value: Date | string): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** Reads the live tables of `financeIncidentsProjection`. */
export class SqlFinanceIncidents implements FinanceIncidents {
  private readonly t: FinanceIncidentsTables;

  constructor(
    private readonly db: Pick<SqlSession, 'query'>,
    schema: string = FINANCE_INCIDENTS_SCHEMA,
  ) {
    this.t = liveTablesOf(financeIncidentsProjection, schema);
  }

  async workLogged({ from, to }: { from: string; to: string }): Promise<LoggedWork[]> {
    const rows = await this.db.query<{
      entry_id: string; incident_id: string; number: string | null; service_id: string | null; minutes: number; logged_by: string; role: string;
      logged_on: string; logged_at: Date | string;
    }>(
      `SELECT w.entry_id, w.incident_id, i.number, i.service_id, w.minutes, w.logged_by, w.role, w.logged_on::text AS logged_on, w.logged_at
       FROM ${this.t.finance_work_logs} w LEFT JOIN ${this.t.finance_incidents} i ON i.incident_id = w.incident_id
       WHERE w.logged_on BETWEEN $1::date AND $2::date ORDER BY w.logged_on, w.entry_id`,
      [from, to],
    );
    return rows.map((row) => ({
      entryId: row.entry_id,
      incidentId: row.incident_id,
      incidentNumber: row.number ?? '',
      serviceId: row.service_id ?? '',
      minutes: row.minutes,
      loggedBy: row.logged_by,
      role: row.role,
      loggedOn: day(row.logged_on),
      loggedAt: iso(row.logged_at),
    }));
  }

  async slaBreaches({ from, to }: { from: Date; to: Date }): Promise<SlaBreach[]> {
    const rows = await this.db.query<{
      breach_event_id: string; incident_id: string; number: string | null; service_id: string | null; offering_id: string | null; priority: string | null;
      timer_kind: 'response' | 'resolution'; due_at: Date | string; breached_at: Date | string;
    }>(
      `SELECT b.breach_event_id, b.incident_id, i.number, i.service_id, COALESCE(b.offering_id, i.offering_id) AS offering_id, b.priority, b.timer_kind, b.due_at, b.breached_at
       FROM ${this.t.finance_sla_breaches} b LEFT JOIN ${this.t.finance_incidents} i ON i.incident_id = b.incident_id
       WHERE b.breached_at >= $1 AND b.breached_at < $2 ORDER BY b.breached_at, b.breach_event_id`,
      [from.toISOString(), to.toISOString()],
    );
    return rows.map((row) => ({
      breachEventId: row.breach_event_id,
      incidentId: row.incident_id,
      incidentNumber: row.number ?? '',
      serviceId: row.service_id ?? '',
      offeringId: row.offering_id,
      priority: row.priority,
      timerKind: row.timer_kind,
      dueAt: iso(row.due_at),
      breachedAt: iso(row.breached_at),
    }));
  }
}
