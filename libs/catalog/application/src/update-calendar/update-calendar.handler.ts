import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CommandOptions } from '../command-options';
import { calendarFieldsOf, type UpdateCalendarInput } from '../calendar-stream/calendar-inputs';
import { CalendarStreams, type CalendarCommandResult } from '../calendar-stream/calendar-streams';

/** Changes a calendar; SLA clocks already running keep the calendar version they started on. */
@Injectable()
export class UpdateCalendarHandler {
  constructor(private readonly streams: CalendarStreams) {}

  execute(calendarId: string, input: UpdateCalendarInput, metadata: EventMetadata, options?: CommandOptions): Promise<CalendarCommandResult> {
    return this.streams.execute(calendarId, { type: 'UpdateCalendar', data: { changes: calendarFieldsOf(input) } }, metadata, options);
  }
}
