import type { SqlExecutor } from '@itsm/event-store';
import type { SlaTimerKind } from '@itsm/contracts';
import type { SlaDeadline } from '@itsm/incidents-domain';
import { assertSchemaName, DEFAULT_INCIDENTS_SCHEMA, onceDdl } from '../incidents/incident-number-allocator';

/** An incident's pending SLA deadlines as computed at a stream revision. */
export interface SlaSchedule {
  incidentId: string;
  revision: number;
  deadlines: readonly SlaDeadline[];
}

/** A due deadline claimed by one scheduler. */
export interface ClaimedSlaTimer {
  incidentId: string;
  kind: SlaTimerKind;
  threshold: number;
}

/**
 * The durable SLA timers: `sla_timers` holds every incident's next warning and breach instants (one row per timer
 * and threshold, `fired_at` once announced), `sla_schedules` the stream revision the rows were computed from, so
 * a slower writer holding an older state never replaces a newer schedule.
 */
export class SlaTimerStore {
  readonly timers: string;
  readonly schedules: string;
  private readonly sweep: string;
  private readonly ensure: () => Promise<void>;

  constructor(
    private readonly db: SqlExecutor,
    schema: string = DEFAULT_INCIDENTS_SCHEMA,
  ) {
    assertSchemaName(schema);
    this.timers = `${schema}.sla_timers`;
    this.schedules = `${schema}.sla_schedules`;
    this.sweep = `${schema}.sla_schedule_sweep`;
    this.ensure = onceDdl(
      db,
      `CREATE SCHEMA IF NOT EXISTS ${schema};
       CREATE TABLE IF NOT EXISTS ${this.timers} (
         incident_id text NOT NULL, kind text NOT NULL, threshold integer NOT NULL, due_at timestamptz NOT NULL,
         fired_at timestamptz, claimed_by text, claimed_until timestamptz, PRIMARY KEY (incident_id, kind, threshold));
       CREATE INDEX IF NOT EXISTS sla_timers_due ON ${this.timers} (due_at) WHERE fired_at IS NULL;
       CREATE TABLE IF NOT EXISTS ${this.schedules} (incident_id text PRIMARY KEY, revision integer NOT NULL);
       CREATE TABLE IF NOT EXISTS ${this.sweep} (id boolean PRIMARY KEY DEFAULT true CHECK (id), position bigint NOT NULL);`,
    );
  }

  /** Replaces the incident's pending rows by `deadlines` (`pendingSlaDeadlines` at stream `revision`), unless a newer schedule exists. */
  async reschedule(incidentId: string, revision: number, deadlines: readonly SlaDeadline[]): Promise<boolean> {
    const [rescheduled] = await this.rescheduleMany([{ incidentId, revision, deadlines }]);
    return rescheduled;
  }

  /**
   * `reschedule` for several incidents (one entry each) in one transaction of two statements: for each, true when
   * its schedule was written, false when a newer one already was.
   */
  async rescheduleMany(schedules: readonly SlaSchedule[]): Promise<boolean[]> {
    if (schedules.length === 0) return [];
    await this.ensure();
    // One lock order for every writer (incident id), so two batches never wait on each other in a cycle.
    const ordered = [...schedules].sort((a, b) => (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0));
    const written = await this.db.transaction(async (tx) => {
      const newest = await tx.query<{ incident_id: string }>(
        `INSERT INTO ${this.schedules} (incident_id, revision) SELECT * FROM unnest($1::text[], $2::int[])
         ON CONFLICT (incident_id) DO UPDATE SET revision = excluded.revision WHERE ${this.schedules}.revision <= excluded.revision
         RETURNING incident_id`,
        [ordered.map((schedule) => schedule.incidentId), ordered.map((schedule) => schedule.revision)],
      );
      const won = new Set(newest.map((row) => row.incident_id));
      if (won.size === 0) return won;
      const wanted = ordered.filter((schedule) => won.has(schedule.incidentId)).flatMap((schedule) =>
        schedule.deadlines.map((deadline) => ({ incidentId: schedule.incidentId, ...deadline })),
      );
      // One statement for the rows: pending rows no longer wanted go, wanted ones are (re)armed. A wanted threshold is
      // not announced at this revision, so a row marked fired meanwhile is armed again. The two sets are disjoint.
      await tx.query(
        `WITH wanted AS (SELECT * FROM unnest($2::text[], $3::text[], $4::int[], $5::timestamptz[]) AS d(incident_id, kind, threshold, due_at)),
         dropped AS (DELETE FROM ${this.timers} t WHERE t.incident_id = ANY($1::text[]) AND t.fired_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.incident_id = t.incident_id AND w.kind = t.kind AND w.threshold = t.threshold))
         INSERT INTO ${this.timers} (incident_id, kind, threshold, due_at) SELECT incident_id, kind, threshold, due_at FROM wanted
         ON CONFLICT (incident_id, kind, threshold)
         DO UPDATE SET due_at = excluded.due_at, fired_at = NULL, claimed_by = NULL, claimed_until = NULL`,
        [
          [...won],
          wanted.map((row) => row.incidentId),
          wanted.map((row) => row.kind),
          wanted.map((row) => row.threshold),
          wanted.map((row) => row.at.toISOString()),
        ],
      );
      return won;
    });
    return schedules.map((schedule) => written.has(schedule.incidentId));
  }

  /**
   * Claims up to `limit` due rows: `FOR UPDATE SKIP LOCKED` in a transaction, so two schedulers never take the same
   * row, and a lease (`claimed_until`) so a scheduler that died before marking them fired leaves them to another.
   */
  async claimDue(now: Date, owner: string, { limit = 100, leaseMs = 60_000 } = {}): Promise<ClaimedSlaTimer[]> {
    await this.ensure();
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ incident_id: string; kind: SlaTimerKind; threshold: number }>(
        `SELECT incident_id, kind, threshold FROM ${this.timers}
         WHERE fired_at IS NULL AND due_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now.toISOString(), limit],
      );
      for (const row of rows) {
        await tx.query(
          `UPDATE ${this.timers} SET claimed_by = $4, claimed_until = $5 WHERE incident_id = $1 AND kind = $2 AND threshold = $3`,
          [row.incident_id, row.kind, row.threshold, owner, new Date(now.getTime() + leaseMs).toISOString()],
        );
      }
      return rows.map((row) => ({ incidentId: row.incident_id, kind: row.kind, threshold: Number(row.threshold) }));
    });
  }

  /** Marks this owner's claimed rows of an incident as announced. */
  async markFired(incidentId: string, owner: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE ${this.timers} SET fired_at = $3, claimed_by = NULL, claimed_until = NULL
       WHERE incident_id = $1 AND claimed_by = $2 AND fired_at IS NULL`,
      [incidentId, owner, now.toISOString()],
    );
  }

  /** Stream revision each incident's schedule was computed from (absent: never scheduled). */
  async scheduledRevisions(incidentIds: readonly string[]): Promise<Map<string, number>> {
    await this.ensure();
    if (incidentIds.length === 0) return new Map();
    const rows = await this.db.query<{ incident_id: string; revision: number }>(
      `SELECT incident_id, revision FROM ${this.schedules} WHERE incident_id = ANY($1::text[])`,
      [[...incidentIds]],
    );
    return new Map(rows.map((row) => [row.incident_id, Number(row.revision)]));
  }

  /** Log position up to which every incident stream was found scheduled by a start-up sweep (-1: none yet). */
  async sweepCheckpoint(): Promise<number> {
    await this.ensure();
    const rows = await this.db.query<{ position: string | number }>(`SELECT position FROM ${this.sweep}`);
    return rows.length === 0 ? -1 : Number(rows[0].position);
  }

  /** Never moves back: two sweeps running at once leave the further position. */
  async advanceSweepCheckpoint(position: number): Promise<void> {
    await this.ensure();
    await this.db.query(
      `INSERT INTO ${this.sweep} (id, position) VALUES (true, $1)
       ON CONFLICT (id) DO UPDATE SET position = GREATEST(${this.sweep}.position, excluded.position)`,
      [position],
    );
  }

  /** The incident's rows, for the SLA view and tests. */
  async rowsOf(incidentId: string) {
    await this.ensure();
    return this.db.query<{ kind: SlaTimerKind; threshold: number; due_at: Date | string; fired_at: Date | string | null }>(
      `SELECT kind, threshold, due_at, fired_at FROM ${this.timers} WHERE incident_id = $1 ORDER BY due_at, kind, threshold`,
      [incidentId],
    );
  }
}
