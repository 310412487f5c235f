import { Inject, Injectable } from '@nestjs/common';
import { formatNumber, newId, type EventMetadata } from '@itsm/event-sourcing';
import { CALENDAR_NUMBER_PREFIX, type SupportCalendar } from '@itsm/contracts';
import { calendarFieldsOf, type CreateCalendarInput } from '../calendar-stream/calendar-inputs';
import { CalendarStreams, type CalendarCommandResult } from '../calendar-stream/calendar-streams';
import { CALENDAR_NUMBER_ALLOCATOR } from '../nest/catalog-application.tokens';
import type { CalendarNumberAllocator } from '../ports/calendar-number-allocator.port';

/** Stands in for the number during the trial decision: it matches the pattern and is never allocated. */
const PLACEHOLDER_NUMBER = formatNumber(CALENDAR_NUMBER_PREFIX, 0);

/** Creates a support calendar (time zone, weekly hours, holidays) that offerings count SLA time in, under the next CAL number. */
@Injectable()
export class CreateCalendarHandler {
  constructor(
    private readonly streams: CalendarStreams,
    @Inject(CALENDAR_NUMBER_ALLOCATOR) private readonly numbers: CalendarNumberAllocator,
  ) {}

  async execute(input: CreateCalendarInput, metadata: EventMetadata): Promise<CalendarCommandResult> {
    const calendarId = newId();
    const calendar = calendarFieldsOf(input) as SupportCalendar;
    // Numbers come from a sequence that never gives one back: the decider's refusal comes before one is taken.
    this.streams.assertCreateAllowed({ type: 'CreateCalendar', data: { calendarId, number: PLACEHOLDER_NUMBER, ...calendar } }, metadata);
    const number = await this.numbers.next();
    return this.streams.execute(calendarId, { type: 'CreateCalendar', data: { calendarId, number, ...calendar } }, metadata);
  }
}
