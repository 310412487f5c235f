import type { SqlExecutor } from '@itsm/event-store';

/*
 * The naive contender: the same data copied into plain tables in schema `naive`, with only what a first
 * implementation would index (btree on a change's service and on its planned start, both ends of a dependency edge),
 * no GiST/range index, no partial index, no graph kept in memory. Each question is one SQL statement: overlap as
 * `planned_start < $end AND planned_end > $start`, the impact graph as recursive CTEs (dependencies down,
 * dependents up), freezes and major incidents by plain filters.
 */

export const NAIVE_SCHEMA = 'naive';

/** Copies the read models' rows (the same data in the same run) into the naive tables. */
export const createNaiveTables = async (db: SqlExecutor, readModelSchema: string): Promise<void> => {
  const rm = `"${readModelSchema}"`;
  await db.exec(`
    DROP SCHEMA IF EXISTS ${NAIVE_SCHEMA} CASCADE;
    CREATE SCHEMA ${NAIVE_SCHEMA};
    CREATE TABLE ${NAIVE_SCHEMA}.change_windows AS
      SELECT change_id, number, state, service_ids, implementer_agent, planned_start, planned_end FROM ${rm}.change_windows;
    CREATE INDEX ON ${NAIVE_SCHEMA}.change_windows (planned_start);
    CREATE TABLE ${NAIVE_SCHEMA}.change_services AS
      SELECT c.change_id, s.service_id, c.state, c.planned_start, c.planned_end
      FROM ${rm}.change_windows c CROSS JOIN LATERAL unnest(c.service_ids) AS s(service_id);
    CREATE INDEX ON ${NAIVE_SCHEMA}.change_services (service_id);
    CREATE TABLE ${NAIVE_SCHEMA}.dependencies AS SELECT service_id, depends_on_service_id FROM ${rm}.changes_catalog_dependencies;
    CREATE INDEX ON ${NAIVE_SCHEMA}.dependencies (service_id);
    CREATE INDEX ON ${NAIVE_SCHEMA}.dependencies (depends_on_service_id);
    CREATE TABLE ${NAIVE_SCHEMA}.freeze_windows AS SELECT freeze_window_id, starts_at, ends_at, service_ids, lifted FROM ${rm}.freeze_windows;
    CREATE TABLE ${NAIVE_SCHEMA}.incidents AS SELECT incident_id, service_id, open, major_status FROM ${rm}.changes_incidents;
    ANALYZE ${NAIVE_SCHEMA}.change_windows, ${NAIVE_SCHEMA}.change_services, ${NAIVE_SCHEMA}.dependencies, ${NAIVE_SCHEMA}.freeze_windows, ${NAIVE_SCHEMA}.incidents;
  `);
};

const SLOT = `('scheduled', 'implement')`;

/** A window checked by the naive statement (a new change, or a row of the schedule page). */
export interface NaiveSubject {
  key: string;
  changeId: string | null;
  serviceIds: string[];
  start: string;
  end: string;
  agent: string | null;
}

export interface NaiveConflictRow {
  key: string;
  kind: 'change' | 'agent' | 'freeze' | 'major-incident';
  ref: string;
}

/** Every conflict of the subjects in one statement: overlapping slot holders on related services, same agent, freezes, major incidents. */
const naiveConflictsSql = `
  WITH RECURSIVE subject AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(key text, "changeId" text, "serviceIds" text[], start timestamptz, "end" timestamptz, agent text)
  ), own AS (
    SELECT s.key, x.service_id FROM subject s CROSS JOIN LATERAL unnest(s."serviceIds") AS x(service_id)
  ), down(key, service_id) AS (
    SELECT key, service_id FROM own
    UNION SELECT d.key, e.depends_on_service_id FROM down d JOIN ${NAIVE_SCHEMA}.dependencies e ON e.service_id = d.service_id
  ), up(key, service_id) AS (
    SELECT key, service_id FROM own
    UNION SELECT u.key, e.service_id FROM up u JOIN ${NAIVE_SCHEMA}.dependencies e ON e.depends_on_service_id = u.service_id
  ), related AS (
    SELECT key, service_id FROM down UNION SELECT key, service_id FROM up
  )
  SELECT DISTINCT s.key, 'change' AS kind, o.change_id AS ref
    FROM subject s JOIN related r ON r.key = s.key JOIN ${NAIVE_SCHEMA}.change_services o ON o.service_id = r.service_id
   WHERE o.state IN ${SLOT} AND o.planned_start < s."end" AND o.planned_end > s.start AND o.change_id IS DISTINCT FROM s."changeId"
  UNION ALL
  SELECT s.key, 'agent', o.change_id
    FROM subject s JOIN ${NAIVE_SCHEMA}.change_windows o ON o.implementer_agent = s.agent
   WHERE o.state IN ${SLOT} AND o.planned_start < s."end" AND o.planned_end > s.start AND o.change_id IS DISTINCT FROM s."changeId"
  UNION ALL
  SELECT s.key, 'freeze', f.freeze_window_id
    FROM subject s JOIN ${NAIVE_SCHEMA}.freeze_windows f ON NOT f.lifted AND f.starts_at < s."end" AND f.ends_at > s.start
   WHERE f.service_ids IS NULL OR f.service_ids && s."serviceIds"
  UNION ALL
  SELECT DISTINCT r.key, 'major-incident', i.incident_id
    FROM related r JOIN ${NAIVE_SCHEMA}.incidents i ON i.service_id = r.service_id AND i.open AND i.major_status = 'accepted'`;

export const naiveConflicts = (db: SqlExecutor, subjects: readonly NaiveSubject[]): Promise<NaiveConflictRow[]> =>
  db.query<NaiveConflictRow>(naiveConflictsSql, [JSON.stringify(subjects)]);

interface NaivePageRow {
  change_id: string;
  service_ids: string[];
  implementer_agent: string | null;
  planned_start: Date;
  planned_end: Date;
}

/** A page of the month's schedule (slot holders overlapping [from, to), by start), then the conflicts of its rows. */
export const naiveSchedulePage = async (db: SqlExecutor, from: Date, to: Date, limit: number) => {
  const page = await db.query<NaivePageRow>(
    `SELECT change_id, service_ids, implementer_agent, planned_start, planned_end FROM ${NAIVE_SCHEMA}.change_windows
     WHERE state IN ${SLOT} AND planned_start < $2 AND planned_end > $1 ORDER BY planned_start, change_id LIMIT $3`,
    [from.toISOString(), to.toISOString(), limit],
  );
  const conflicts = await naiveConflicts(
    db,
    page.map((row) => ({
      key: row.change_id,
      changeId: row.change_id,
      serviceIds: row.service_ids,
      start: new Date(row.planned_start).toISOString(),
      end: new Date(row.planned_end).toISOString(),
      agent: row.implementer_agent,
    })),
  );
  return { page, conflicts };
};
