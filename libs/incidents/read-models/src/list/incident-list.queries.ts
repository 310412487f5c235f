import type { IncidentStateName, Priority } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import { pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { decodeIncidentCursor, encodeIncidentCursor } from './incident-list.cursor';
import { recordOfRow, type IncidentListRow } from './incident-list-rows';
import { LIST_ORDER, type IncidentListTables } from './incident-list.tables';
import { listItemOf, type IncidentListItem } from './incident-list.view';
import { substringTsQuery } from './incident-text-query';
import { DEFAULT_SEARCH_TUNING, searchPage, type SearchTuning } from './incident-list-search';

/** A filter that takes one value or several (any of them matches). */
export type OneOrMany<T> = T | readonly T[];

export interface IncidentListFilter {
  state?: OneOrMany<IncidentStateName>;
  priority?: OneOrMany<Priority>;
  serviceId?: string;
  assignmentGroup?: OneOrMany<string>;
  assignee?: string;
  /** Requesters see their own: the API sets this to the caller's id for the requester role. */
  callerId?: string;
  /** Incidents with (true) or without (false) a breached SLA timer. */
  breached?: boolean;
  /** Accepted major incidents (true) or the others (false). */
  major?: boolean;
  /** Words found anywhere inside the words of the number, short description or description; case-insensitive. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Bound parameters of a statement being built: each value gets the next `$n`. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The list filters other than text and cursor, as SQL conditions on `incident_list` columns (`prefix` qualifies them). */
export const filterConditions = (filter: IncidentListFilter, params: SqlParameters, prefix = ''): string[] => {
  const conditions: string[] = [];
  /** One value stays a plain equality (the index range in order); several are `= ANY` of them. */
  const whereAnyOf = (column: string, value: OneOrMany<string> | undefined) => {
    if (value === undefined) return;
    const values = typeof value === 'string' ? [value] : [...new Set(value)];
    conditions.push(values.length === 1 ? `${prefix}${column} = ${params.add(values[0])}` : `${prefix}${column} = ANY(${params.add(values)}::text[])`);
  };
  whereAnyOf('state', filter.state);
  whereAnyOf('priority', filter.priority);
  if (filter.serviceId !== undefined) conditions.push(`${prefix}service_id = ${params.add(filter.serviceId)}::uuid`);
  whereAnyOf('assignment_group', filter.assignmentGroup);
  if (filter.assignee !== undefined) conditions.push(`${prefix}assignee = ${params.add(filter.assignee)}`);
  if (filter.callerId !== undefined) conditions.push(`${prefix}caller_id = ${params.add(filter.callerId)}`);
  if (filter.breached !== undefined) conditions.push(filter.breached ? `${prefix}breached` : `NOT ${prefix}breached`);
  if (filter.major !== undefined) conditions.push(filter.major ? `${prefix}major_status = 'accepted'` : `${prefix}major_status <> 'accepted'`);
  return conditions;
};

/** The keyset condition of a page after `cursor` (list order), or null on the first page. */
export const afterCursorCondition = (cursor: string | undefined, params: SqlParameters, prefix = ''): string | null => {
  if (cursor === undefined) return null;
  const after = decodeIncidentCursor(cursor);
  return `(${prefix}opened_at, ${prefix}incident_id) < (${params.add(after.openedAt)}::timestamptz, ${params.add(after.incidentId)}::uuid)`;
};

const whereClause = (conditions: readonly (string | null)[]): string => {
  const present = conditions.filter((condition): condition is string => condition !== null);
  return present.length === 0 ? '' : `WHERE ${present.join(' AND ')}`;
};

/**
 * The SQL of one page as a single statement (limit + 1 rows: the extra one only tells that another page exists).
 * Text search is a semi-join on `incident_search`; the planner walks a filter's index and checks each row's terms,
 * which is right when the text is common and a filter is selective (see incident-list-search.ts for the others).
 */
export const incidentListStatement = (filter: IncidentListFilter, t: IncidentListTables): { sql: string; params: unknown[]; limit: number } => {
  const limit = pageSizeOf(filter.limit);
  const params = new SqlParameters();
  const conditions: (string | null)[] = [afterCursorCondition(filter.cursor, params), ...filterConditions(filter, params)];
  const tsquery = filter.q === undefined ? null : substringTsQuery(filter.q);
  if (tsquery !== null) {
    conditions.push(`incident_id IN (SELECT incident_id FROM ${t.incident_search} WHERE terms @@ ${params.add(tsquery)}::tsquery)`);
  }
  const sql = `SELECT * FROM ${t.incident_list} ${whereClause(conditions)} ORDER BY ${LIST_ORDER} LIMIT ${params.add(limit + 1)}`;
  return { sql, params: params.values, limit };
};

/** The incident list: newest first, keyset pages on (opened_at, incident_id), every filter an indexed equality. */
export class IncidentListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly t: IncidentListTables,
    private readonly searchTuning: SearchTuning = DEFAULT_SEARCH_TUNING,
  ) {}

  async list(filter: IncidentListFilter = {}): Promise<Page<IncidentListItem>> {
    const tsquery = filter.q === undefined ? null : substringTsQuery(filter.q);
    const limit = pageSizeOf(filter.limit);
    const rows = tsquery === null ? await this.plainPage(filter) : await searchPage(this.db, this.t, filter, tsquery, limit, this.searchTuning);
    const records = rows.map(recordOfRow);
    return pageOf(records, limit, listItemOf, ({ openedAt, incidentId }) => encodeIncidentCursor({ openedAt, incidentId }));
  }

  private plainPage(filter: IncidentListFilter): Promise<IncidentListRow[]> {
    const { sql, params } = incidentListStatement(filter, this.t);
    return this.db.query<IncidentListRow>(sql, params);
  }

  /** The id of the incident with this number (INC0000001), or null when the list does not know it (yet). */
  async idOfNumber(number: string): Promise<string | null> {
    const [row] = await this.db.query<{ incident_id: string }>(`SELECT incident_id FROM ${this.t.incident_list} WHERE number = $1`, [number]);
    return row?.incident_id ?? null;
  }

  /** The list's row of one incident (what lists show), or null. */
  async get(incidentId: string): Promise<IncidentListItem | null> {
    const [row] = await this.db.query<IncidentListRow>(`SELECT * FROM ${this.t.incident_list} WHERE incident_id = $1::uuid`, [incidentId]);
    return row === undefined ? null : listItemOf(recordOfRow(row));
  }
}
