import { calendarStreamId, upcastEvent, type WeeklyHours } from '@itsm/contracts';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import { cursorKeyOf, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, isCursorNumber, pageOf, type Page, type TableNames } from '@itsm/projections';
import { isoOf, jsonOf } from '../services/service-rows';
import { foldCalendar } from './calendar-view.fold';
import type { CalendarView } from './calendar.view';
import type { CatalogCalendarsTable } from './catalog-calendars.projection';

interface CalendarRow {
  calendar_id: string;
  name: string;
  time_zone: string;
  weekly_hours: WeeklyHours[] | string;
  holidays: string[] | string;
  revision: number;
  created_position: string | number;
  created_at: Date | string;
  updated_at: Date | string;
}

type CalendarCursor = { p: number };
const isCalendarCursor = cursorKeyOf<CalendarCursor>({ p: isCursorNumber });

const calendarViewOf = (row: CalendarRow): CalendarView => ({
  id: row.calendar_id,
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

  /** Calendars in the order they were created. */
  async list({ limit = DEFAULT_PAGE_SIZE, cursor }: { limit?: number; cursor?: string }): Promise<Page<CalendarView>> {
    const after = cursor === undefined ? -1 : decodeCursor(cursor, isCalendarCursor).p;
    const rows = await this.db.query<CalendarRow>(
      `SELECT * FROM ${this.t.catalog_calendars} WHERE created_position > $1 ORDER BY created_position LIMIT $2`,
      [after, limit + 1],
    );
    return pageOf(rows, limit, calendarViewOf, (row) => encodeCursor({ p: Number(row.created_position) }));
  }

  /** The calendar as its stream says now (upcast, as every reader of the log); null when there is none. */
  async get(calendarId: string): Promise<CalendarView | null> {
    return foldCalendar((await this.store.readStream(calendarStreamId(calendarId))).map(upcastEvent));
  }
}
