import { AggregateStreams, type EventMetadata, type LoadedAggregate, type RecordedEvent, type WritePipeline } from '@itsm/event-sourcing';
import { calendarDecider, type Calendar, type CalendarCommand, type CalendarEvent, type CreatedCalendar } from '@itsm/catalog-domain';
import type { CommandOptions } from '../command-options';
import { CalendarNotFound } from '../errors';
import type { Clock } from '../ports/clock.port';
import { calendarStreamOf, isUuid } from '../stream-ids';

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

export type CalendarIntent = WithoutMetadata<CalendarCommand>;

export interface CalendarCommandResult {
  id: string;
  /** `CAL0000001`; null for a calendar created before calendars were numbered. */
  number: string | null;
  revision: number;
  calendar: CreatedCalendar;
  events: RecordedEvent[];
}

/** How every calendar use case reaches a calendar's stream: the calendar decider through the kernel's write pipeline. */
export class CalendarStreams {
  private readonly streams: AggregateStreams<CalendarCommand, Calendar, CalendarEvent>;

  constructor(
    pipeline: WritePipeline,
    private readonly clock: Clock,
  ) {
    this.streams = new AggregateStreams({
      pipeline,
      decider: calendarDecider,
      streamOf: calendarStreamOf,
      creatingCommand: 'CreateCalendar',
      notFound: (id) => new CalendarNotFound(id),
    });
  }

  /** The calendar and its revision straight from its stream; throws CalendarNotFound. */
  async load(calendarId: string): Promise<LoadedAggregate<CreatedCalendar>> {
    const { state, revision } = await this.streams.load(calendarId);
    return { state: state as CreatedCalendar, revision };
  }

  /** Whether a calendar an offering refers to exists. */
  async exists(calendarId: string): Promise<boolean> {
    if (!isUuid(calendarId)) return false;
    return this.streams.exists((await this.streams.loadEvenIfAbsent(calendarId)).state);
  }

  /**
   * Decides a creation on an absent calendar without appending: throws the decider's refusal. Lets the create
   * handler refuse before it takes a number from the sequence, which never gives one back.
   */
  assertCreateAllowed(intent: Extract<CalendarIntent, { type: 'CreateCalendar' }>, metadata: EventMetadata): void {
    calendarDecider.decide({ ...intent, metadata: { now: this.clock.now(), actor: metadata.actor } }, calendarDecider.initialState());
  }

  async execute(calendarId: string, intent: CalendarIntent, metadata: EventMetadata, options: CommandOptions = {}): Promise<CalendarCommandResult> {
    const command = { ...intent, metadata: { now: this.clock.now(), actor: metadata.actor } } as CalendarCommand;
    const result = await this.streams.execute(calendarId, command, { metadata, expectedRevision: options.expectedRevision });
    const calendar = result.state as CreatedCalendar;
    return { id: calendarId, number: calendar.number, revision: result.revision, calendar, events: result.events };
  }
}
