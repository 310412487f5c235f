import type { Upcaster } from '../upcasting/upcaster';
import type { CalendarCreatedV1, CalendarCreatedV2 } from './calendar-events';

/**
 * CalendarCreated v2 carries the calendar's number. A calendar created as v1 (before calendars were numbered) has
 * none and keeps none: it reads as `number: null`, never as a number made up on read. Events written as v1 stay in
 * the log; readers see v2.
 */
export const calendarCreatedV1ToV2: Upcaster<CalendarCreatedV1, CalendarCreatedV2> = {
  type: 'CalendarCreated',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => ({ ...data, number: null }),
};

export const CALENDAR_UPCASTERS: readonly Upcaster<never, unknown>[] = [calendarCreatedV1ToV2 as Upcaster<never, unknown>];
