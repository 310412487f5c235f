import { handleCommand, newId, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import type { SupportCalendar } from '@itsm/contracts';
import { calendarDecider, type CalendarCommand, type CreatedCalendar } from '@itsm/catalog-domain';
import { handleOptionsFor, type CommandOptions, type RequestMetadata } from '../command-options';
import { CalendarNotFound } from '../errors';
import { existingOnly } from '../existing-only';
import { loadAggregate, type LoadedAggregate } from '../load-aggregate';
import { systemClock, type Clock } from '../ports/clock.port';
import { calendarStreamOf } from '../stream-ids';

export type CreateCalendarInput = SupportCalendar;
export type UpdateCalendarInput = Partial<SupportCalendar>;

export interface CalendarCommandResult {
  id: string;
  revision: number;
  calendar: CreatedCalendar;
  events: RecordedEvent[];
}

type Intent<C> = C extends unknown ? Omit<C, 'metadata'> : never;

const calendarFields = ({ name, timeZone, weeklyHours, holidays }: Partial<SupportCalendar>): Partial<SupportCalendar> =>
  Object.fromEntries(
    Object.entries({ name, timeZone, weeklyHours: weeklyHours?.map(({ day, from, to }) => ({ day, from, to })), holidays })
      .filter(([, value]) => value !== undefined),
  );

/** The calendar use cases: load, decide, append with the caller's expected revision. */
export class CalendarCommands {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock = systemClock,
  ) {}

  createCalendar(input: CreateCalendarInput, metadata: RequestMetadata): Promise<CalendarCommandResult> {
    const calendarId = newId();
    const calendar = calendarFields(input) as SupportCalendar;
    return this.handle(calendarId, { type: 'CreateCalendar', data: { calendarId, ...calendar } }, metadata);
  }

  updateCalendar(calendarId: string, input: UpdateCalendarInput, metadata: RequestMetadata, options?: CommandOptions) {
    return this.handle(calendarId, { type: 'UpdateCalendar', data: { changes: calendarFields(input) } }, metadata, options);
  }

  /** The calendar and its revision straight from its stream; throws CalendarNotFound. */
  async load(calendarId: string): Promise<LoadedAggregate<CreatedCalendar>> {
    const loaded = await loadAggregate(this.store, calendarDecider, calendarStreamOf(calendarId));
    if (loaded.state.status === 'absent') throw new CalendarNotFound(calendarId);
    return { state: loaded.state, revision: loaded.revision };
  }

  private async handle(
    calendarId: string,
    intent: Intent<CalendarCommand>,
    metadata: RequestMetadata,
    options?: CommandOptions,
  ): Promise<CalendarCommandResult> {
    const command = { ...intent, metadata: { now: this.clock.now(), actor: metadata.actor } } as CalendarCommand;
    const decider = existingOnly(calendarDecider, 'CreateCalendar', () => new CalendarNotFound(calendarId));
    const result = await handleCommand(this.store, decider, calendarStreamOf(calendarId), command, metadata, handleOptionsFor(options));
    return { id: calendarId, revision: result.nextExpectedRevision, calendar: result.state as CreatedCalendar, events: result.newEvents };
  }
}
