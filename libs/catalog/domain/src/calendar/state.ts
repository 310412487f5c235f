import type { SupportCalendar } from '@itsm/contracts';
import type { CalendarEvent } from './events';

export interface AbsentCalendar {
  status: 'absent';
}

export interface CreatedCalendar extends SupportCalendar {
  status: 'created';
  calendarId: string;
}

export type Calendar = AbsentCalendar | CreatedCalendar;

export const initialState = (): Calendar => ({ status: 'absent' });

// Both events carry the whole calendar.
export const evolve = (_state: Calendar, event: CalendarEvent): Calendar => {
  const { calendarId, name, timeZone, weeklyHours, holidays } = event.data;
  return { status: 'created', calendarId, name, timeZone, weeklyHours, holidays };
};
