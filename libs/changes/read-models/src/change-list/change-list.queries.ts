import type { ChangeOutcome, ChangeStateName, ChangeType, RiskLevel } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import { cursorKeyOf, decodeCursor, encodeCursor, isCursorTimestamp, isCursorUuid, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import { recordOfRow, type ChangeListRow } from './change-list-rows';
import { LIST_ORDER, type ChangeListTables } from './change-list.tables';
import type { ApprovalStatus, ChangeRecord } from './change-record';
import { substringTsQuery } from './change-text-query';

/** A filter that takes one value or several (any of them matches). */
export type OneOrMany<T> = T | readonly T[];

export interface ChangeListFilter {
  state?: OneOrMany<ChangeStateName>;
  type?: OneOrMany<ChangeType>;
  /** The assessed risk level. */
  risk?: OneOrMany<RiskLevel>;
  /** Changes touching this service. */
  serviceId?: string;
  implementerGroup?: OneOrMany<string>;
  /** Only the changes this person requested (requesters see their own). */
  requesterId?: string;
  /** Words found anywhere inside the words of the number, short description or description; case-insensitive. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** A change as lists show it (GET /changes). */
export interface ChangeListItem {
  id: string;
  number: string;
  type: ChangeType;
  state: ChangeStateName;
  shortDescription: string;
  riskLevel: RiskLevel | null;
  riskAssessmentDue: boolean;
  approvalStatus: ApprovalStatus | null;
  serviceIds: string[];
  plannedStart: string;
  plannedEnd: string;
  implementer: { group: string; agent: string | null };
  requesterId: string;
  outcome: ChangeOutcome | null;
  causedIncidents: string[];
  raisedAt: string;
  updatedAt: string;
  /** The stream revision the row reflects. */
  revision: number;
}

/** An implementer group's completed changes in a period: failed (failed or backed out) of all completed. */
export interface ImplementerRecord {
  failed: number;
  total: number;
}

export const listItemOf = (record: ChangeRecord): ChangeListItem => ({
  id: record.changeId,
  number: record.number,
  type: record.type,
  state: record.state,
  shortDescription: record.shortDescription,
  riskLevel: record.riskLevel,
  riskAssessmentDue: record.riskAssessmentDue,
  approvalStatus: record.approvalStatus,
  serviceIds: record.serviceIds,
  plannedStart: record.plannedStart,
  plannedEnd: record.plannedEnd,
  implementer: { group: record.implementerGroup, agent: record.implementerAgent },
  requesterId: record.requesterId,
  outcome: record.outcome,
  causedIncidents: record.causedIncidents,
  raisedAt: record.raisedAt,
  updatedAt: record.updatedAt,
  revision: record.revision,
});

type ChangeCursorKey = { raisedAt: string; changeId: string };
const isChangeCursorKey = cursorKeyOf<ChangeCursorKey>({ raisedAt: isCursorTimestamp, changeId: isCursorUuid });

/** The SQL of one page (limit + 1 rows: the extra one only tells that another page exists). */
export const changeListStatement = (filter: ChangeListFilter, t: ChangeListTables): { sql: string; params: unknown[]; limit: number } => {
  const limit = pageSizeOf(filter.limit);
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filter.cursor !== undefined) {
    const after = decodeCursor(filter.cursor, isChangeCursorKey);
    params.push(after.raisedAt, after.changeId);
    conditions.push(`(raised_at, change_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  /** One value stays a plain equality (the index range in order); several are `= ANY` of them. */
  const whereAnyOf = (column: string, value: OneOrMany<string> | undefined) => {
    if (value === undefined) return;
    const values = typeof value === 'string' ? [value] : [...new Set(value)];
    if (values.length === 1) where((p) => `${column} = ${p}`, values[0]);
    else where((p) => `${column} = ANY(${p}::text[])`, values);
  };
  whereAnyOf('state', filter.state);
  whereAnyOf('type', filter.type);
  whereAnyOf('risk_level', filter.risk);
  whereAnyOf('implementer_group', filter.implementerGroup);
  if (filter.requesterId !== undefined) where((p) => `requester_id = ${p}`, filter.requesterId);
  if (filter.serviceId !== undefined) where((p) => `service_ids @> ARRAY[${p}::text]`, filter.serviceId);
  const tsquery = filter.q === undefined ? null : substringTsQuery(filter.q);
  if (tsquery !== null) where((p) => `change_id IN (SELECT change_id FROM ${t.change_search} WHERE terms @@ ${p}::tsquery)`, tsquery);
  params.push(limit + 1);
  const sql = `SELECT * FROM ${t.change_list}
     ${conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`}
     ORDER BY ${LIST_ORDER} LIMIT $${params.length}`;
  return { sql, params, limit };
};

/** The change list: newest first, keyset pages on (raised_at, change_id), each filter indexed. */
export class ChangeListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeListTables,
  ) {}

  /** A page; a cursor this list did not hand out is refused with `InvalidCursor`. */
  async list(filter: ChangeListFilter = {}): Promise<Page<ChangeListItem>> {
    const { sql, params, limit } = changeListStatement(filter, this.tables);
    const records = (await this.db.query<ChangeListRow>(sql, params)).map(recordOfRow);
    return pageOf(records, limit, listItemOf, ({ raisedAt, changeId }) => encodeCursor({ raisedAt, changeId }));
  }

  /** The change's row, or null when the projection has not seen it (yet). */
  async get(changeId: string): Promise<ChangeListItem | null> {
    const [row] = await this.db.query<ChangeListRow>(`SELECT * FROM ${this.tables.change_list} WHERE change_id = $1::uuid`, [changeId]);
    return row ? listItemOf(recordOfRow(row)) : null;
  }

  /** The id of the change with this number (CHG0000001), or null when the list does not know it (yet). */
  async idOfNumber(number: string): Promise<string | null> {
    const [row] = await this.db.query<{ change_id: string }>(`SELECT change_id FROM ${this.tables.change_list} WHERE number = $1`, [number]);
    return row?.change_id ?? null;
  }

  /**
   * The group's changes completed since `since` (the risk policy's look-back): failed and backed out count as failed.
   * A change counts once it is completed (in review or closed), whatever happens to it later.
   */
  async implementerRecord(group: string, since: Date): Promise<ImplementerRecord> {
    const [row] = await this.db.query<{ failed: number; total: number }>(
      `SELECT count(*) FILTER (WHERE outcome IN ('failed', 'backed-out'))::int AS failed, count(*)::int AS total
       FROM ${this.tables.change_list} WHERE implementer_group = $1 AND outcome IS NOT NULL AND completed_at >= $2`,
      [group, since.toISOString()],
    );
    return { failed: row?.failed ?? 0, total: row?.total ?? 0 };
  }
}
