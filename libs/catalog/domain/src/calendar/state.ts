import type { SupportCalendar } from '@itsm/contracts';
import type { CalendarEvent } from './events';

export interface AbsentCalendar {
  status: 'absent';
}

export interface CreatedCalendar extends SupportCalendar {
  status: 'created';
  calendarId: string;
  /** `CAL0000001`; null for a calendar created before calendars were numbered. */
  number: string | null;
}

export type Calendar = AbsentCalendar | CreatedCalendar;

export const initialState = (): Calendar => ({ status: 'absent' });

// Both events carry the whole calendar; the number comes with the creation and never changes.
export const evolve = (state: Calendar, event: CalendarEvent): Calendar => {
  const { calendarId, name, timeZone, weeklyHours, holidays } = event.data;
  const number = event.type === 'CalendarCreated' ? event.data.number : state.status === 'created' ? state.number : null;
  return { status: 'created', calendarId, number, name, timeZone, weeklyHours, holidays };
};
