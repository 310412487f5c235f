import type { DomainEvent } from '@itsm/event-sourcing';

/* Published events of the calendar stream (`calendar-<uuid>`), schemaVersion 1; each carries the whole calendar. */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Support hours on one weekday, local time of the calendar's zone, `from` < `to` (`HH:MM`, 24 h). */
export interface WeeklyHours {
  day: Weekday;
  from: string;
  to: string;
}

/** Support hours: SLA clocks of offerings on this calendar run only inside them. */
export interface SupportCalendar {
  name: string;
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  weeklyHours: WeeklyHours[];
  /** Local dates without support, `YYYY-MM-DD`, sorted. */
  holidays: string[];
}

export interface CalendarCreatedV1 extends SupportCalendar {
  calendarId: string;
}

/** The whole calendar as it is after the change. */
export interface CalendarUpdatedV1 extends SupportCalendar {
  calendarId: string;
}

export type CalendarCreated = DomainEvent<'CalendarCreated', CalendarCreatedV1>;
export type CalendarUpdated = DomainEvent<'CalendarUpdated', CalendarUpdatedV1>;

export type CalendarEvent = CalendarCreated | CalendarUpdated;
export type CalendarEventType = CalendarEvent['type'];

export const CALENDAR_EVENT_TYPES: readonly CalendarEventType[] = ['CalendarCreated', 'CalendarUpdated'];
