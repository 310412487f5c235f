import type { SupportCalendar } from '@itsm/contracts';

export type CreateCalendarInput = SupportCalendar;
export type UpdateCalendarInput = Partial<SupportCalendar>;

/** Picks the calendar's own fields (and each day's hours), so nothing else a caller sends ends up in an event. */
export const calendarFieldsOf = ({ name, timeZone, weeklyHours, holidays }: Partial<SupportCalendar>): Partial<SupportCalendar> =>
  Object.fromEntries(
    Object.entries({ name, timeZone, weeklyHours: weeklyHours?.map(({ day, from, to }) => ({ day, from, to })), holidays })
      .filter(([, value]) => value !== undefined),
  );
