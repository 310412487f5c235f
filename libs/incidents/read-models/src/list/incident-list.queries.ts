import type { IncidentStateName, Priority } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import { pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { decodeIncidentCursor, encodeIncidentCursor } from './incident-list.cursor';
import { recordOfRow, type IncidentListRow } from './incident-list-rows';
import { LIST_ORDER, type IncidentListTables } from './incident-list.tables';
import { listItemOf, type IncidentListItem } from './incident-list.view';
import { substringTsQuery } from './incident-text-query';

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

/** The SQL of one page (limit + 1 rows: the extra one only tells that another page exists). */
export const incidentListStatement = (filter: IncidentListFilter, t: IncidentListTables): { sql: string; params: unknown[]; limit: number } => {
  const limit = pageSizeOf(filter.limit);
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.cursor !== undefined) {
    const after = decodeIncidentCursor(filter.cursor);
    params.push(after.openedAt, after.incidentId);
    conditions.push(`(opened_at, incident_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  /** One value stays a plain equality (the index range in order); several are `= ANY` of them. */
  const whereAnyOf = (column: string, value: OneOrMany<string> | undefined) => {
    if (value === undefined) return;
    const values = typeof value === 'string' ? [value] : [...new Set(value)];
    if (values.length === 1) where((p) => `${column} = ${p}`, values[0]);
    else where((p) => `${column} = ANY(${p}::text[])`, values);
  };
  whereAnyOf('state', filter.state);
  whereAnyOf('priority', filter.priority);
  if (filter.serviceId !== undefined) where((p) => `service_id = ${p}::uuid`, filter.serviceId);
  whereAnyOf('assignment_group', filter.assignmentGroup);
  if (filter.assignee !== undefined) where((p) => `assignee = ${p}`, filter.assignee);
  if (filter.callerId !== undefined) where((p) => `caller_id = ${p}`, filter.callerId);
  if (filter.breached !== undefined) conditions.push(filter.breached ? 'breached' : 'NOT breached');
  if (filter.major !== undefined) conditions.push(filter.major ? `major_status = 'accepted'` : `major_status <> 'accepted'`);
  const tsquery = filter.q === undefined ? null : substringTsQuery(filter.q);
  if (tsquery !== null) {
    where((p) => `incident_id IN (SELECT incident_id FROM ${t.incident_search} WHERE terms @@ ${p}::tsquery)`, tsquery);
  }
  params.push(limit + 1);
  const sql = `SELECT * FROM ${t.incident_list}
     ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
     ORDER BY ${LIST_ORDER} LIMIT $${params.length}`;
  return { sql, params, limit };
};

/** The incident list: newest first, keyset pages on (opened_at, incident_id), every filter an indexed equality. */
export class IncidentListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly t: IncidentListTables,
  ) {}

  async list(filter: IncidentListFilter = {}): Promise<Page<IncidentListItem>> {
    const { sql, params, limit } = incidentListStatement(filter, this.t);
    const records = (await this.db.query<IncidentListRow>(sql, params)).map(recordOfRow);
    return pageOf(records, limit, listItemOf, ({ openedAt, incidentId }) => encodeIncidentCursor({ openedAt, incidentId }));
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
