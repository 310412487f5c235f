import type { ChangeStateName, ChangeType } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import { cursorKeyOf, decodeCursor, encodeCursor, isCursorTimestamp, pageOf, pageSizeOf, type Page } from '@itsm/projections';
import type { ChangeConflict } from './change-conflict';
import type { ChangeScheduleTables } from './change-schedule.projection';
import { subjectOfRow, type ConflictQueries } from './conflict.queries';
import { scheduleStatement, type ChangeWindowRow } from './conflict.statements';

/** A change on the forward schedule, with its conflicts. */
export interface ScheduledChange {
  id: string;
  number: string;
  type: ChangeType;
  state: ChangeStateName;
  shortDescription: string;
  serviceIds: string[];
  plannedStart: string;
  plannedEnd: string;
  implementer: { group: string; agent: string | null };
  conflicts: ChangeConflict[];
}

export interface ScheduleRange {
  /** Inclusive start of the range. */
  from: Date;
  /** Exclusive end; after `from`. */
  to: Date;
  limit?: number;
  cursor?: string;
}

type ScheduleCursor = { s: string; id: string };
const isChangeId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const isScheduleCursor = cursorKeyOf<ScheduleCursor>({ s: isCursorTimestamp, id: isChangeId });

const iso = (value: Date | string): string => new Date(value).toISOString();

/** The forward schedule of changes (`GET /changes/schedule`). */
export class ScheduleQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: ChangeScheduleTables,
    private readonly conflicts: ConflictQueries,
  ) {}

  /**
   * The changes holding a slot (scheduled or implementing) whose window overlaps [from, to), by planned start then
   * id, each with its conflicts as of now; cursor pages. A cursor it did not hand out is refused (`InvalidCursor`).
   */
  async schedule({ from, to, limit, cursor }: ScheduleRange): Promise<Page<ScheduledChange>> {
    const size = pageSizeOf(limit);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, isScheduleCursor);
    const { sql, params } = scheduleStatement(this.tables, {
      from,
      to,
      limit: size + 1,
      ...(after ? { after: { plannedStart: after.s, changeId: after.id } } : {}),
    });
    const rows = await this.db.query<ChangeWindowRow>(sql, params);
    const page = rows.slice(0, size);
    const conflicts = await this.conflicts.detect(page.map(subjectOfRow));
    return pageOf(
      rows,
      size,
      (row): ScheduledChange => ({
        id: row.change_id,
        number: row.number,
        type: row.type as ChangeType,
        state: row.state as ChangeStateName,
        shortDescription: row.short_description,
        serviceIds: row.service_ids,
        plannedStart: iso(row.planned_start),
        plannedEnd: iso(row.planned_end),
        implementer: { group: row.implementer_group, agent: row.implementer_agent },
        conflicts: conflicts.get(row.change_id) ?? [],
      }),
      (row) => encodeCursor({ s: iso(row.planned_start), id: row.change_id }),
    );
  }
}
