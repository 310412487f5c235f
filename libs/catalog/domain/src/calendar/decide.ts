import { CALENDAR_NUMBER_PATTERN, type SupportCalendar } from '@itsm/contracts';
import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { validCalendar } from './calendar.rules';
import type { CalendarCommand, CreateCalendar, UpdateCalendar } from './commands';
import type { CalendarEvent } from './events';
import { evolve, initialState, type Calendar } from './state';

export const decide = (command: CalendarCommand, state: Calendar): CalendarEvent[] => {
  switch (command.type) {
    case 'CreateCalendar': return create(command, state);
    case 'UpdateCalendar': return update(command, state);
    default: return assertNever(command);
  }
};

export const calendarDecider: Decider<CalendarCommand, Calendar, CalendarEvent> = { decide, evolve, initialState };

const create = ({ data }: CreateCalendar, state: Calendar): CalendarEvent[] => {
  if (state.status === 'created') throw new IllegalTransition(`Calendar ${state.number ?? state.calendarId} already exists`);
  const { calendarId, number, ...calendar } = data;
  if (!CALENDAR_NUMBER_PATTERN.test(number)) throw new RuleViolation(`"${number}" is not a calendar number (CAL0000001)`);
  return [{ type: 'CalendarCreated', data: { calendarId, number, ...validCalendar(calendar) } }];
};

const update = ({ data }: UpdateCalendar, state: Calendar): CalendarEvent[] => {
  if (state.status === 'absent') throw new IllegalTransition('The calendar does not exist');
  const { calendarId, name, timeZone, weeklyHours, holidays } = state;
  const current: SupportCalendar = { name, timeZone, weeklyHours, holidays };
  const defined = Object.fromEntries(Object.entries(data.changes).filter(([, value]) => value !== undefined));
  const next = validCalendar({ ...current, ...defined } as SupportCalendar);
  if (JSON.stringify(next) === JSON.stringify(current)) return [];
  return [{ type: 'CalendarUpdated', data: { calendarId, ...next } }];
};
