// The calendar stream's events are the published contract (libs/contracts).
export type { CalendarCreated, CalendarEvent, CalendarUpdated } from '@itsm/contracts';
