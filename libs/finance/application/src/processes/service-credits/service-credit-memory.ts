import { assertSchemaName, onceDdl, type SqlExecutor } from '@itsm/event-store';

export interface RememberedIncident {
  incidentId: string;
  number: string;
  serviceId: string;
}

export interface RememberedTimer {
  priority: string;
  offeringId: string;
}

export interface RememberedBreach {
  breachEventId: string;
  breachedAt: string;
  ledgerId: string;
}

/**
 * The service-credit process's own memory (`<financeSchema>.service_credit_*`), learnt from the incidents' events in
 * the order it sees them (the log, or Kafka per incident stream, which is all it needs): each incident's number and
 * service (`IncidentOpened`), each SLA timer's priority and offering (`SlaTimerStarted` / `SlaTimerRetargeted`, so a
 * breach is credited at the terms it breached under), and each breach it credited, with the credits stream it went
 * to (so that a later retarget can supersede it). Every write is an idempotent upsert.
 */
export class ServiceCreditMemory {
  private readonly t: { incidents: string; timers: string; breaches: string };
  private readonly ensure: () => Promise<void>;

  constructor(
    private readonly db: SqlExecutor,
    schema: string,
  ) {
    const name = assertSchemaName(schema);
    this.t = { incidents: `${name}.service_credit_incidents`, timers: `${name}.service_credit_timers`, breaches: `${name}.service_credit_breaches` };
    this.ensure = onceDdl(
      db,
      `CREATE SCHEMA IF NOT EXISTS ${name};
       CREATE TABLE IF NOT EXISTS ${this.t.incidents} (incident_id text PRIMARY KEY, number text NOT NULL, service_id text NOT NULL);
       CREATE TABLE IF NOT EXISTS ${this.t.timers} (incident_id text NOT NULL, kind text NOT NULL, priority text NOT NULL, offering_id text NOT NULL, PRIMARY KEY (incident_id, kind));
       CREATE TABLE IF NOT EXISTS ${this.t.breaches} (
         breach_event_id text PRIMARY KEY, incident_id text NOT NULL, kind text NOT NULL, breached_at timestamptz NOT NULL, ledger_id text NOT NULL, superseded_by text
       );
       CREATE INDEX IF NOT EXISTS service_credit_breaches_timer ON ${this.t.breaches} (incident_id, kind);`,
    );
  }

  async rememberIncident(incident: RememberedIncident): Promise<void> {
    await this.ensure();
    await this.db.query(`INSERT INTO ${this.t.incidents} (incident_id, number, service_id) VALUES ($1, $2, $3) ON CONFLICT (incident_id) DO NOTHING`, [
      incident.incidentId, incident.number, incident.serviceId,
    ]);
  }

  async incident(incidentId: string): Promise<RememberedIncident | null> {
    await this.ensure();
    const [row] = await this.db.query<{ number: string; service_id: string }>(`SELECT number, service_id FROM ${this.t.incidents} WHERE incident_id = $1`, [incidentId]);
    return row === undefined ? null : { incidentId, number: row.number, serviceId: row.service_id };
  }

  async rememberTimer(incidentId: string, kind: string, timer: RememberedTimer): Promise<void> {
    await this.ensure();
    await this.db.query(
      `INSERT INTO ${this.t.timers} (incident_id, kind, priority, offering_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (incident_id, kind) DO UPDATE SET priority = excluded.priority, offering_id = excluded.offering_id`,
      [incidentId, kind, timer.priority, timer.offeringId],
    );
  }

  async timer(incidentId: string, kind: string): Promise<RememberedTimer | null> {
    await this.ensure();
    const [row] = await this.db.query<{ priority: string; offering_id: string }>(`SELECT priority, offering_id FROM ${this.t.timers} WHERE incident_id = $1 AND kind = $2`, [incidentId, kind]);
    return row === undefined ? null : { priority: row.priority, offeringId: row.offering_id };
  }

  async rememberBreach(incidentId: string, kind: string, breach: RememberedBreach): Promise<void> {
    await this.ensure();
    await this.db.query(
      `INSERT INTO ${this.t.breaches} (breach_event_id, incident_id, kind, breached_at, ledger_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (breach_event_id) DO NOTHING`,
      [breach.breachEventId, incidentId, kind, breach.breachedAt, breach.ledgerId],
    );
  }

  /** The credited breaches of a timer, not superseded yet, that happened before `instant`. */
  async breachesBefore(incidentId: string, kind: string, instant: string): Promise<RememberedBreach[]> {
    await this.ensure();
    const rows = await this.db.query<{ breach_event_id: string; breached_at: Date | string; ledger_id: string }>(
      `SELECT breach_event_id, breached_at, ledger_id FROM ${this.t.breaches}
       WHERE incident_id = $1 AND kind = $2 AND superseded_by IS NULL AND breached_at < $3::timestamptz ORDER BY breached_at, breach_event_id`,
      [incidentId, kind, instant],
    );
    return rows.map((row) => ({ breachEventId: row.breach_event_id, breachedAt: new Date(row.breached_at).toISOString(), ledgerId: row.ledger_id }));
  }

  async markSuperseded(breachEventId: string, byEventId: string): Promise<void> {
    await this.ensure();
    await this.db.query(`UPDATE ${this.t.breaches} SET superseded_by = $2 WHERE breach_event_id = $1 AND superseded_by IS NULL`, [breachEventId, byEventId]);
  }
}
