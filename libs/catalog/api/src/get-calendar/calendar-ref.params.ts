import { NUMBERED_CALENDAR, NumberedRefParams } from '../shared/numbered-ref';

/** `:id` of GET /calendars/:id, as people type it: the calendar id, or its number (CAL0000001). */
export class CalendarRefParams extends NumberedRefParams(NUMBERED_CALENDAR) {}
