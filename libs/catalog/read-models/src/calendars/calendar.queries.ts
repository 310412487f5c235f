import { calendarStreamId, upcastEvent, type WeeklyHours } from '@itsm/contracts';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { cursorKeyOf, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, isCursorNumber, pageOf, type Page, type TableNames } from '@itsm/projections';
import { isoOf, jsonOf } from '../services/service-rows';
import { foldCalendar } from './calendar-view.fold';
import type { CalendarView } from './calendar.view';
import type { CatalogCalendarsTable } from './catalog-calendars.projection';

interface CalendarRow {
  calendar_id: string;
  number: string | null;
  name: string;
  time_zone: string;
  weekly_hours: WeeklyHours[] | string;
  holidays: string[] | string;
  revision: number;
  created_position: string | number;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface CalendarFilter {
  /** Text in the name or the number (`CAL00000` finds CAL0000001 … CAL0000099), case-insensitive. */
  q?: string;
  limit?: number;
  cursor?: string;
}

type CalendarCursor = { p: number };
const isCalendarCursor = cursorKeyOf<CalendarCursor>({ p: isCursorNumber });

const calendarViewOf = (row: CalendarRow): CalendarView => ({
  id: row.calendar_id,
  number: row.number,
  name: row.name,
  timeZone: row.time_zone,
  weeklyHours: jsonOf<WeeklyHours[]>(row.weekly_hours, []),
  holidays: jsonOf<string[]>(row.holidays, []),
  revision: row.revision,
  createdAt: isoOf(row.created_at),
  updatedAt: isoOf(row.updated_at),
});

export class CalendarQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly t: TableNames<CatalogCalendarsTable>,
  ) {}

  /** Calendars in the order they were created, filtered. */
  async list({ limit = DEFAULT_PAGE_SIZE, cursor, q }: CalendarFilter): Promise<Page<CalendarView>> {
    const after = cursor === undefined ? -1 : decodeCursor(cursor, isCalendarCursor).p;
    const params: unknown[] = [after, limit + 1];
    // strpos, not LIKE: the user's text is matched literally (no % or _ wildcards to escape).
    const search = q === undefined ? '' : ` AND (strpos(lower(name), lower($3)) > 0 OR strpos(lower(number), lower($3)) > 0)`;
    if (q !== undefined) params.push(q);
    const rows = await this.db.query<CalendarRow>(
      `SELECT * FROM ${this.t.catalog_calendars} WHERE created_position > $1${search} ORDER BY created_position LIMIT $2`,
      params,
    );
    return pageOf(rows, limit, calendarViewOf, (row) => encodeCursor({ p: Number(row.created_position) }));
  }

  /** The calendar as its stream says now (upcast, as every reader of the log); null when there is none. */
  async get(calendarId: string): Promise<CalendarView | null> {
    return foldCalendar((await this.store.readStream(calendarStreamId(calendarId))).map(upcastEvent));
  }

  /** The id of the calendar with this number (CAL0000001), or null when the read model does not know it (yet). */
  async idOfNumber(number: string): Promise<string | null> {
    const [row] = await this.db.query<{ calendar_id: string }>(`SELECT calendar_id FROM ${this.t.catalog_calendars} WHERE number = $1`, [number]);
    return row?.calendar_id ?? null;
  }
}
