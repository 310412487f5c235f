import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the calendar stream (`calendar-<uuid>`); each carries the whole calendar. CalendarCreated is
 * written in schema version 2 (with the calendar's number), CalendarUpdated in version 1 (a number never changes).
 */

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

/**
 * v2 adds the calendar's human-facing number (`CAL0000001`, from a sequence, like services' `SVC…`). Calendars
 * created before calendars were numbered were written as v1 and have none: the upcaster (`calendar-upcasters.ts`)
 * gives them `number: null`; no number is invented for them afterwards. Every calendar created since has one.
 */
export interface CalendarCreatedV2 extends CalendarCreatedV1 {
  number: string | null;
}

/** The whole calendar as it is after the change. */
export interface CalendarUpdatedV1 extends SupportCalendar {
  calendarId: string;
}

export type CalendarCreated = DomainEvent<'CalendarCreated', CalendarCreatedV2>;
export type CalendarUpdated = DomainEvent<'CalendarUpdated', CalendarUpdatedV1>;

export type CalendarEvent = CalendarCreated | CalendarUpdated;
export type CalendarEventType = CalendarEvent['type'];

export const CALENDAR_EVENT_TYPES: readonly CalendarEventType[] = ['CalendarCreated', 'CalendarUpdated'];

/** The schema version each calendar event is written in today; readers upcast older ones to it. */
export const CALENDAR_EVENT_SCHEMA_VERSIONS: Readonly<Record<CalendarEventType, number>> = Object.freeze({
  CalendarCreated: 2,
  CalendarUpdated: 1,
});
