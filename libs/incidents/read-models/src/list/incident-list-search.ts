import type { SqlExecutor } from '@itsm/event-store';
import { encodeIncidentCursor } from './incident-list.cursor';
import type { IncidentListRow } from './incident-list-rows';
import { afterCursorCondition, filterConditions, incidentListStatement, SqlParameters, type IncidentListFilter } from './incident-list.queries';
import { LIST_ORDER, type IncidentListTables } from './incident-list.tables';

/** Where text search switches plans (see `searchPage`); specs shrink it to walk every plan on a small table. */
export interface SearchTuning {
  /** How many of the newest incidents a page checks in order, before and after it widens its look. */
  windows: readonly number[];
  /** Expected matches in the whole table up to which, after each window, the GIN index reads them all instead. */
  rareMatches: readonly number[];
}

export const DEFAULT_SEARCH_TUNING: SearchTuning = { windows: [5_000, 45_000], rareMatches: [3_000, 30_000] };

const qualifiedOrder = (alias: string) => LIST_ORDER.split(', ').map((key) => `${alias}.${key}`).join(', ');

interface WindowRow extends IncidentListRow {
  window_rows: string | number;
  window_matches: string | number;
  table_rows: string | number;
  last_opened_at: Date | string | null;
  last_incident_id: string | null;
}

interface WindowResult {
  page: IncidentListRow[];
  /** Incidents the window checked, and how many of them the text matched (filters aside). */
  checked: number;
  matched: number;
  tableRows: number;
  /** Where the window ended, as a cursor (null when it checked nothing). */
  endCursor: string | null;
}

/**
 * Checks the `size` newest incidents after `cursor` against the text, in list order, without a join, then reads the
 * list rows of the matches only: the page of those that pass the filters.
 */
const searchWindow = async (
  db: SqlExecutor,
  t: IncidentListTables,
  filter: IncidentListFilter,
  tsquery: string,
  cursor: string | undefined,
  size: number,
  pageSize: number,
): Promise<WindowResult> => {
  const params = new SqlParameters();
  const text = params.add(tsquery);
  const after = afterCursorCondition(cursor, params);
  const filters = filterConditions(filter, params, 'l.');
  const sql = `
    WITH w AS MATERIALIZED (
      SELECT incident_id, opened_at, terms @@ ${text}::tsquery AS matches FROM ${t.incident_search}
      ${after === null ? '' : `WHERE ${after}`} ORDER BY ${LIST_ORDER} LIMIT ${params.add(size)}
    ),
    page AS (
      SELECT l.* FROM w JOIN ${t.incident_list} l USING (incident_id)
      WHERE ${['w.matches', ...filters].join(' AND ')} ORDER BY ${qualifiedOrder('l')} LIMIT ${params.add(pageSize)}
    ),
    figures AS (
      SELECT count(*) AS window_rows, count(*) FILTER (WHERE matches) AS window_matches,
        (SELECT reltuples FROM pg_class WHERE oid = '${t.incident_search}'::regclass) AS table_rows,
        (SELECT opened_at FROM w ORDER BY opened_at, incident_id LIMIT 1) AS last_opened_at,
        (SELECT incident_id FROM w ORDER BY opened_at, incident_id LIMIT 1) AS last_incident_id
      FROM w
    )
    SELECT figures.*, page.* FROM figures LEFT JOIN page ON true ORDER BY ${qualifiedOrder('page')}`;
  const rows = await db.query<WindowRow>(sql, params.values);
  const figures = rows[0];
  const last = figures?.last_opened_at ?? null;
  return {
    page: rows.filter((row) => row.incident_id !== null),
    checked: Number(figures?.window_rows ?? 0),
    matched: Number(figures?.window_matches ?? 0),
    tableRows: Number(figures?.table_rows ?? 0),
    endCursor:
      last === null || figures?.last_incident_id == null
        ? null
        : encodeIncidentCursor({ openedAt: new Date(last).toISOString(), incidentId: figures.last_incident_id }),
  };
};

/**
 * A page of text search, by the plan that suits how common the text is. PostgreSQL cannot estimate how many
 * incidents a prefix of a word suffix matches (it assumes 0.5% whatever the words), so the plan follows a
 * measurement instead:
 * 1. the newest incidents after the cursor, in list order, are checked against the text (a small window, then a
 *    wider one after it); when they hold a full page, it is the page (every older match comes after
 *    them), and when they reach the end of the list, the page is complete — common text;
 * 2. when the share of matches, over the whole table (the planner's row count), comes to few incidents, those are
 *    read from the GIN index and sorted — rare text;
 * 3. otherwise the text is common and the filters are rare: the single statement, which walks a filter's index in
 *    list order and checks each incident's terms.
 */
export const searchPage = async (
  db: SqlExecutor,
  t: IncidentListTables,
  filter: IncidentListFilter,
  tsquery: string,
  limit: number,
  tuning: SearchTuning = DEFAULT_SEARCH_TUNING,
): Promise<IncidentListRow[]> => {
  const page: IncidentListRow[] = [];
  let cursor = filter.cursor;
  let checked = 0;
  let matched = 0;
  for (const [index, size] of tuning.windows.entries()) {
    const window = await searchWindow(db, t, filter, tsquery, cursor, size, limit + 1 - page.length);
    page.push(...window.page);
    if (page.length > limit || window.checked < size || window.endCursor === null) return page;
    checked += window.checked;
    matched += window.matched;
    // reltuples is -1 before the table's first ANALYZE: it has at least what the windows checked.
    const expectedMatches = (matched / checked) * Math.max(window.tableRows, checked);
    if (expectedMatches <= tuning.rareMatches[index]) return rareTextPage(db, t, filter, tsquery, limit);
    cursor = window.endCursor;
  }
  const { sql, params } = incidentListStatement(filter, t);
  return db.query<IncidentListRow>(sql, params);
};

/** Rare text: every match from the GIN index (no order, no cursor in that scan), then the filters and the page. */
const rareTextPage = (db: SqlExecutor, t: IncidentListTables, filter: IncidentListFilter, tsquery: string, limit: number) => {
  const params = new SqlParameters();
  const text = params.add(tsquery);
  const conditions = [afterCursorCondition(filter.cursor, params, 'l.'), ...filterConditions(filter, params, 'l.')].filter((c) => c !== null);
  const sql = `
    WITH hits AS MATERIALIZED (SELECT incident_id FROM ${t.incident_search} WHERE terms @@ ${text}::tsquery)
    SELECT l.* FROM hits JOIN ${t.incident_list} l USING (incident_id)
    ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
    ORDER BY ${qualifiedOrder('l')} LIMIT ${params.add(limit + 1)}`;
  return db.query<IncidentListRow>(sql, params.values);
};
