import type { CalendarCreatedV1 } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { CalendarView } from './calendar.view';

/** A calendar from its stream (each event carries the whole calendar); null when the stream is empty. */
export const foldCalendar = (events: readonly RecordedEvent[]): CalendarView | null => {
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) return null;
  const { calendarId, name, timeZone, weeklyHours, holidays } = last.data as CalendarCreatedV1;
  return { id: calendarId, name, timeZone, weeklyHours, holidays, revision: last.streamRevision, createdAt: first.recordedAt, updatedAt: last.recordedAt };
};
