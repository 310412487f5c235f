import { Injectable } from '@nestjs/common';
import { newId, type EventMetadata } from '@itsm/event-sourcing';
import type { SupportCalendar } from '@itsm/contracts';
import { calendarFieldsOf, type CreateCalendarInput } from '../calendar-stream/calendar-inputs';
import { CalendarStreams, type CalendarCommandResult } from '../calendar-stream/calendar-streams';

/** Creates a support calendar (time zone, weekly hours, holidays) that offerings count SLA time in. */
@Injectable()
export class CreateCalendarHandler {
  constructor(private readonly streams: CalendarStreams) {}

  execute(input: CreateCalendarInput, metadata: EventMetadata): Promise<CalendarCommandResult> {
    const calendarId = newId();
    const calendar = calendarFieldsOf(input) as SupportCalendar;
    return this.streams.execute(calendarId, { type: 'CreateCalendar', data: { calendarId, ...calendar } }, metadata);
  }
}
