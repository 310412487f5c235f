import { upcastEvent, type CalendarCreatedV2, type CalendarUpdatedV1 } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { CalendarView } from './calendar.view';

/**
 * A calendar from its stream (each event carries the whole calendar; the number comes with the creation); null when
 * the stream is empty. The log keeps events as written: a CalendarCreated v1 is read as v2 without a number.
 */
export const foldCalendar = (events: readonly RecordedEvent[]): CalendarView | null => {
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) return null;
  const created = upcastEvent(first).data as CalendarCreatedV2;
  const { calendarId, name, timeZone, weeklyHours, holidays } = upcastEvent(last).data as CalendarCreatedV2 | CalendarUpdatedV1;
  return {
    id: calendarId,
    number: created.number ?? null,
    name,
    timeZone,
    weeklyHours,
    holidays,
    revision: last.streamRevision,
    createdAt: first.recordedAt,
    updatedAt: last.recordedAt,
  };
};
