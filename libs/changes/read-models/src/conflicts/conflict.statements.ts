import type { ChangeScheduleTables } from './change-schedule.projection';

/** A SQL statement and its parameters (specs EXPLAIN them). */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** A window whose overlaps are looked up; `key` names it in the answer rows. */
export interface WindowProbe {
  key: string;
  /** Left out of its own overlaps; null for a window not raised yet. */
  changeId: string | null;
  start: Date;
  end: Date;
}

const CHANGE_COLUMNS = `change_id, number, type, state, short_description, service_ids, implementer_group, implementer_agent, planned_start, planned_end, revision`;

export interface ChangeWindowRow {
  change_id: string;
  number: string;
  type: string;
  state: string;
  short_description: string;
  service_ids: string[];
  implementer_group: string;
  implementer_agent: string | null;
  planned_start: Date | string;
  planned_end: Date | string;
  revision: number;
}

export const changeWindowStatement = (t: ChangeScheduleTables, changeId: string): Statement => ({
  sql: `SELECT ${CHANGE_COLUMNS} FROM ${t.change_windows} WHERE change_id = $1`,
  params: [changeId],
});

/**
 * The slot holders overlapping each probe: one GiST probe of `time_window` per window (the partial index holds only
 * scheduled and implementing changes), never a scan of the schedule.
 */
export const overlappingSlotsStatement = (t: ChangeScheduleTables, probes: readonly WindowProbe[]): Statement => ({
  sql: `SELECT p.key, o.change_id, o.number, o.state, o.service_ids, o.implementer_agent, o.planned_start, o.planned_end
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS p(key, change_id, starts, ends)
        JOIN ${t.change_windows} o
          ON o.holds_slot AND o.time_window && tstzrange(p.starts, p.ends, '[)') AND o.change_id IS DISTINCT FROM p.change_id
        ORDER BY p.key, o.planned_start, o.change_id`,
  params: [probes.map((p) => p.key), probes.map((p) => p.changeId), probes.map((p) => p.start.toISOString()), probes.map((p) => p.end.toISOString())],
});

export interface OverlappingSlotRow {
  key: string;
  change_id: string;
  number: string;
  state: string;
  service_ids: string[];
  implementer_agent: string | null;
  planned_start: Date | string;
  planned_end: Date | string;
}

/** The freeze windows in force (not lifted) overlapping each probe: one GiST probe of `period` per window. */
export const freezesInForceStatement = (t: ChangeScheduleTables, probes: readonly WindowProbe[]): Statement => ({
  sql: `SELECT p.key, f.freeze_window_id, f.name, f.starts_at, f.ends_at, f.service_ids
        FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS p(key, starts, ends)
        JOIN ${t.freeze_windows} f ON NOT f.lifted AND f.period && tstzrange(p.starts, p.ends, '[)')
        ORDER BY p.key, f.starts_at, f.freeze_window_id`,
  params: [probes.map((p) => p.key), probes.map((p) => p.start.toISOString()), probes.map((p) => p.end.toISOString())],
});

export interface FreezeInForceRow {
  key: string;
  freeze_window_id: string;
  name: string;
  starts_at: Date | string;
  ends_at: Date | string;
  service_ids: string[] | null;
}

/** Where a page of the schedule resumes: after this planned start and change id. */
export interface ScheduleKey {
  plannedStart: string;
  changeId: string;
}

/**
 * A page of slot holders whose window overlaps [from, to), by planned start then id, in two index-ordered parts:
 * those starting inside the range (btree on planned_start, from the cursor on), and the few that started before
 * it and still run at `from` (GiST `@>`). Neither reads the schedule outside the range.
 */
export const scheduleStatement = (
  t: ChangeScheduleTables,
  { from, to, limit, after }: { from: Date; to: Date; limit: number; after?: ScheduleKey },
): Statement => {
  const params: unknown[] = [from.toISOString(), to.toISOString(), limit];
  let resume = '';
  if (after) {
    params.push(after.plannedStart, after.changeId);
    resume = 'AND (planned_start, change_id) > ($4::timestamptz, $5::text)';
  }
  return {
    sql: `SELECT * FROM (
            (SELECT ${CHANGE_COLUMNS} FROM ${t.change_windows}
             WHERE holds_slot AND planned_start >= $1::timestamptz AND planned_start < $2::timestamptz ${resume}
             ORDER BY planned_start, change_id LIMIT $3)
            UNION ALL
            (SELECT ${CHANGE_COLUMNS} FROM ${t.change_windows}
             WHERE holds_slot AND time_window @> $1::timestamptz AND planned_start < $1::timestamptz ${resume}
             ORDER BY planned_start, change_id LIMIT $3)
          ) page ORDER BY planned_start, change_id LIMIT $3`,
    params,
  };
};
