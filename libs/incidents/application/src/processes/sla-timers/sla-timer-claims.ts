import { assertSchemaName, onceDdl, type SqlExecutor } from '@itsm/event-store';
import { SLA_DUE_TIMERS } from './sla-due-timers.projection';

/**
 * Which scheduler works on which incident's due timers, and until when: claims are the schedulers' own rows (the
 * due timers are a projection). A claim is exclusive (an upsert that only replaces an expired claim), and a lease,
 * so a scheduler that died holding it leaves the incident to another once it expires.
 */
export class SlaTimerClaims {
  private readonly claims: string;
  private readonly dueTimers: string;
  private readonly ensure: () => Promise<void>;

  constructor(
    private readonly db: SqlExecutor,
    options: { dueTimersSchema: string; claimsSchema: string },
  ) {
    const claimsSchema = assertSchemaName(options.claimsSchema);
    this.claims = `${claimsSchema}.sla_timer_claims`;
    this.dueTimers = `"${assertSchemaName(options.dueTimersSchema)}"."${SLA_DUE_TIMERS}"`;
    this.ensure = onceDdl(
      db,
      `CREATE SCHEMA IF NOT EXISTS ${claimsSchema};
       CREATE TABLE IF NOT EXISTS ${this.claims} (incident_id text PRIMARY KEY, claimed_by text NOT NULL, claimed_until timestamptz NOT NULL);`,
    );
  }

  /** Claims up to `limit` incidents with a deadline due by `now` that no live claim holds, earliest deadline first. */
  async claimDue(now: Date, owner: string, { limit = 100, leaseMs = 60_000 } = {}): Promise<string[]> {
    await this.ensure();
    const rows = await this.db.query<{ incident_id: string }>(
      `WITH due AS (
         SELECT t.incident_id, min(t.due_at) AS first_due FROM ${this.dueTimers} t
         WHERE t.due_at <= $1 AND NOT EXISTS (SELECT 1 FROM ${this.claims} c WHERE c.incident_id = t.incident_id AND c.claimed_until > $1)
         GROUP BY t.incident_id ORDER BY first_due LIMIT $2)
       INSERT INTO ${this.claims} (incident_id, claimed_by, claimed_until) SELECT incident_id, $3, $4 FROM due
       ON CONFLICT (incident_id) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
         WHERE ${this.claims}.claimed_until <= $1
       RETURNING incident_id`,
      [now.toISOString(), limit, owner, new Date(now.getTime() + leaseMs).toISOString()],
    );
    return rows.map((row) => row.incident_id);
  }

  /** Gives the incident back once its tick is written: its next deadline is claimable at once. */
  async release(incidentId: string, owner: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.claims} WHERE incident_id = $1 AND claimed_by = $2`, [incidentId, owner]);
  }

  /** The incident's pending deadlines as the projection holds them (the SLA view's tests and the bench read them). */
  async dueTimersOf(incidentId: string) {
    return this.db.query<{ kind: string; threshold: number; due_at: Date | string }>(
      `SELECT kind, threshold, due_at FROM ${this.dueTimers} WHERE incident_id = $1 ORDER BY due_at, kind, threshold`,
      [incidentId],
    );
  }
}
