import type { SupportCalendar } from '@itsm/contracts';
import { deciderSpecification, IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { CommandMetadata } from '../command-metadata';
import type { CalendarCommand } from './commands';
import { calendarDecider } from './decide';
import type { CalendarEvent } from './events';

const spec = deciderSpecification(calendarDecider, expect);
const given = spec.given.bind(spec);

const calendarId = '0190f3a4-0000-7000-8000-0000000000c1';
const metadata: CommandMetadata = { now: new Date('2026-03-02T10:00:00Z'), actor: { id: 'owner-1' } };
const berlin: SupportCalendar = {
  name: 'Berlin office hours',
  timeZone: 'Europe/Berlin',
  weeklyHours: [
    { day: 'mon', from: '09:00', to: '17:00' },
    { day: 'tue', from: '09:00', to: '17:00' },
  ],
  holidays: ['2026-12-25', '2026-12-26'],
};

const number = 'CAL0000001';

const create = (overrides: Partial<SupportCalendar & { number: string }> = {}): CalendarCommand => ({
  type: 'CreateCalendar',
  data: { calendarId, number, ...berlin, ...overrides },
  metadata,
});
const update = (changes: Partial<SupportCalendar>): CalendarCommand => ({ type: 'UpdateCalendar', data: { changes }, metadata });
const created = (overrides: Partial<SupportCalendar & { number: string | null }> = {}): CalendarEvent => ({
  type: 'CalendarCreated',
  data: { calendarId, number, ...berlin, ...overrides },
});
const updated = (overrides: Partial<SupportCalendar> = {}): CalendarEvent => ({
  type: 'CalendarUpdated',
  data: { calendarId, ...berlin, ...overrides },
});

describe('Calendar decider', () => {
  describe('when absent', () => {
    it('creates a calendar', () => {
      given([]).when(create()).then([created()]);
    });

    it('records the number the application allocated in CalendarCreated', () => {
      given([]).when(create({ number: 'CAL0001234' })).then([created({ number: 'CAL0001234' })]);
      given([]).when(create({ number: 'CAL12345678' })).then([created({ number: 'CAL12345678' })]);
    });

    it.each(['CAL12', 'SVC0000001', 'cal0000001', ''])('refuses %p as a calendar number', (bad) => {
      given([]).when(create({ number: bad })).thenThrows(RuleViolation, /is not a calendar number \(CAL0000001\)/);
    });
    it('refuses an update', () => {
      given([]).when(update({ name: 'x' })).thenThrows(IllegalTransition, /does not exist/);
    });
    it.each(['Mars/Olympus', '+01:00', 'Berlin', ''])('refuses the time zone %p', (timeZone) => {
      given([]).when(create({ timeZone })).thenThrows(RuleViolation, /is not an IANA time zone/);
    });
    it('spells the zone as the time-zone database does', () => {
      given([]).when(create({ timeZone: 'europe/berlin' })).then([created()]);
    });
    it('accepts UTC', () => {
      given([]).when(create({ timeZone: 'UTC' })).then([created({ timeZone: 'UTC' })]);
    });
    it('stores weekly hours in weekday order, then by start', () => {
      const weeklyHours = [
        { day: 'tue', from: '13:00', to: '17:00' },
        { day: 'mon', from: '09:00', to: '17:00' },
        { day: 'tue', from: '08:00', to: '12:00' },
      ] as const;
      given([])
        .when(create({ weeklyHours: [...weeklyHours] }))
        .then([created({ weeklyHours: [weeklyHours[1], weeklyHours[2], weeklyHours[0]] })]);
    });
    it('accepts 24:00 as the end of a day', () => {
      const weeklyHours = [{ day: 'sun' as const, from: '00:00', to: '24:00' }];
      given([]).when(create({ weeklyHours })).then([created({ weeklyHours })]);
    });
    it('refuses a period that ends before it starts', () => {
      given([])
        .when(create({ weeklyHours: [{ day: 'mon', from: '17:00', to: '09:00' }] }))
        .thenThrows(RuleViolation, /mon 17:00–09:00: "from" must be before "to"/);
    });
    it('refuses an empty period', () => {
      given([]).when(create({ weeklyHours: [{ day: 'mon', from: '09:00', to: '09:00' }] })).thenThrows(RuleViolation, /must be before/);
    });
    it.each(['9:00', '24:00', '12:60', '25:00', 'noon'])('refuses %p as a start time', (from) => {
      given([]).when(create({ weeklyHours: [{ day: 'mon', from, to: '23:00' }] })).thenThrows(RuleViolation, /is not a time of day/);
    });
    it('refuses overlapping periods on one day', () => {
      given([])
        .when(create({ weeklyHours: [{ day: 'wed', from: '09:00', to: '13:00' }, { day: 'wed', from: '12:00', to: '17:00' }] }))
        .thenThrows(RuleViolation, /wed: 09:00–13:00 overlaps 12:00–17:00/);
    });
    it('accepts periods that touch', () => {
      const weeklyHours = [{ day: 'wed' as const, from: '09:00', to: '12:00' }, { day: 'wed' as const, from: '12:00', to: '17:00' }];
      given([]).when(create({ weeklyHours })).then([created({ weeklyHours })]);
    });
    it('refuses a day that is not a weekday', () => {
      given([])
        .when(create({ weeklyHours: [{ day: 'monday' as 'mon', from: '09:00', to: '17:00' }] }))
        .thenThrows(RuleViolation, /"monday" is not a weekday/);
    });
    it('refuses a calendar without support hours', () => {
      given([]).when(create({ weeklyHours: [] })).thenThrows(RuleViolation, /at least one period/);
    });
    it.each(['2026-02-30', '2026-13-01', '25.12.2026', '2026-1-1'])('refuses the holiday %p', (holiday) => {
      given([]).when(create({ holidays: [holiday] })).thenThrows(RuleViolation, /is not a date/);
    });
    it('accepts 29 February in a leap year', () => {
      given([]).when(create({ holidays: ['2028-02-29'] })).then([created({ holidays: ['2028-02-29'] })]);
    });
    it('refuses a holiday listed twice', () => {
      given([]).when(create({ holidays: ['2026-12-25', '2026-12-25'] })).thenThrows(RuleViolation, /2026-12-25 is listed twice/);
    });
    it('sorts holidays', () => {
      given([]).when(create({ holidays: ['2026-12-26', '2026-01-01'] })).then([created({ holidays: ['2026-01-01', '2026-12-26'] })]);
    });
    it('accepts a calendar without holidays', () => {
      given([]).when(create({ holidays: [] })).then([created({ holidays: [] })]);
    });
  });

  describe('when created', () => {
    it('refuses creating it again', () => {
      given([created()]).when(create({ number: 'CAL0000002' })).thenThrows(IllegalTransition, /Calendar CAL0000001 already exists/);
    });

    it('keeps the number through updates: CalendarUpdated carries the calendar, not the number', () => {
      const state = [created(), updated({ name: 'Renamed' })].reduce(calendarDecider.evolve, calendarDecider.initialState());
      expect(state).toMatchObject({ status: 'created', number, name: 'Renamed' });
      given([created(), updated({ name: 'Renamed' })]).when(update({ name: 'Again' })).then([updated({ name: 'Again' })]);
    });

    it('updates a calendar created before numbering (CalendarCreated v1, upcast with number null); it stays without one', () => {
      const unnumbered = created({ number: null });
      expect([unnumbered].reduce(calendarDecider.evolve, calendarDecider.initialState())).toMatchObject({ number: null });
      given([unnumbered]).when(update({ name: 'Renamed' })).then([updated({ name: 'Renamed' })]);
      given([unnumbered]).when(create()).thenThrows(IllegalTransition, new RegExp(`Calendar ${calendarId} already exists`));
    });
    it('updates and carries the whole calendar', () => {
      given([created()]).when(update({ timeZone: 'America/New_York' })).then([updated({ timeZone: 'America/New_York' })]);
    });
    it('validates the calendar as it would be after the update', () => {
      given([created()]).when(update({ holidays: ['2026-12-25', '2026-12-25'] })).thenThrows(RuleViolation, /listed twice/);
    });
    it('records nothing when nothing changes', () => {
      given([created()]).when(update({ name: berlin.name, holidays: ['2026-12-26', '2026-12-25'] })).thenNothingHappens();
    });
    it('applies earlier updates before comparing', () => {
      given([created(), updated({ name: 'Renamed' })]).when(update({ name: 'Renamed' })).thenNothingHappens();
    });
  });
});
