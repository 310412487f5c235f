import fc from 'fast-check';
import { DateTime } from 'luxon';
import { WEEKDAYS } from './calendar-events';
import { isWithinMaintenanceWindows, maintenanceWindowSpan, MINUTES_PER_WEEK, type MaintenanceWindow, type MaintenanceWindowSet } from './maintenance-windows';

const berlin = (...windows: MaintenanceWindow[]): MaintenanceWindowSet => ({ timeZone: 'Europe/Berlin', windows });
const saturdayNight: MaintenanceWindow = { day: 'sat', from: '22:00', to: '06:00' };
const within = (set: MaintenanceWindowSet, start: string, end: string) => isWithinMaintenanceWindows(set, new Date(start), new Date(end));

describe('maintenanceWindowSpan', () => {
  it.each([
    [{ day: 'mon', from: '00:00', to: '24:00' }, 0, 1440],
    [{ day: 'tue', from: '09:00', to: '17:30' }, 1440 + 540, 1440 + 1050],
    [saturdayNight, 5 * 1440 + 1320, 5 * 1440 + 1320 + 480],
    [{ day: 'sun', from: '22:00', to: '02:00' }, 6 * 1440 + 1320, MINUTES_PER_WEEK + 120],
    [{ day: 'wed', from: '23:00', to: '00:00' }, 2 * 1440 + 1380, 3 * 1440],
  ] as [MaintenanceWindow, number, number][])('places %j at minutes %p–%p of the week', (window, start, end) => {
    expect(maintenanceWindowSpan(window)).toEqual({ start, end });
  });

  it.each([
    { day: 'monday', from: '09:00', to: '10:00' },
    { day: 'mon', from: '9:00', to: '10:00' },
    { day: 'mon', from: '09:00', to: '24:01' },
    { day: 'mon', from: '09:60', to: '10:00' },
  ] as MaintenanceWindow[])('refuses the malformed window %j', (window) => {
    expect(() => maintenanceWindowSpan(window)).toThrow(RangeError);
  });
});

describe('isWithinMaintenanceWindows', () => {
  describe('in winter (Berlin UTC+1)', () => {
    it.each([
      ['exactly the window, across midnight', berlin(saturdayNight), '2026-01-10T21:00:00Z', '2026-01-11T05:00:00Z', true],
      ['an hour after midnight, inside', berlin(saturdayNight), '2026-01-11T01:00:00Z', '2026-01-11T02:00:00Z', true],
      ['a minute before the window opens', berlin(saturdayNight), '2026-01-10T20:59:00Z', '2026-01-11T05:00:00Z', false],
      ['a minute after it closes', berlin(saturdayNight), '2026-01-10T21:00:00Z', '2026-01-11T05:01:00Z', false],
      ['the same hours on the wrong night (Friday)', berlin(saturdayNight), '2026-01-09T21:00:00Z', '2026-01-10T05:00:00Z', false],
      ['two windows that touch at midnight', berlin({ day: 'sat', from: '22:00', to: '24:00' }, { day: 'sun', from: '00:00', to: '06:00' }), '2026-01-10T21:00:00Z', '2026-01-11T05:00:00Z', true],
      ['a Sunday window ending on Monday (the week wraps)', berlin({ day: 'sun', from: '22:00', to: '02:00' }), '2026-01-11T21:00:00Z', '2026-01-12T01:00:00Z', true],
      ['across the gap between two windows', berlin({ day: 'mon', from: '01:00', to: '02:00' }, { day: 'mon', from: '03:00', to: '04:00' }), '2026-01-12T00:00:00Z', '2026-01-12T03:00:00Z', false],
      ['inside the second of two windows', berlin({ day: 'mon', from: '01:00', to: '02:00' }, { day: 'mon', from: '03:00', to: '04:00' }), '2026-01-12T02:00:00Z', '2026-01-12T03:00:00Z', true],
      ['three weeks when every day is open', berlin(...WEEKDAYS.map((day) => ({ day, from: '00:00', to: '24:00' }))), '2026-01-01T00:00:00Z', '2026-01-22T00:00:00Z', true],
      ['anything, when there are no windows', berlin(), '2026-01-10T22:00:00Z', '2026-01-10T22:01:00Z', false],
      ['an empty interval, even without windows', berlin(), '2026-01-10T22:00:00Z', '2026-01-10T22:00:00Z', true],
    ])('%s → %p', (_case, set, start, end, expected) => {
      expect(within(set, start, end)).toBe(expected);
    });
  });

  it('counts the zone’s summer offset (Berlin UTC+2 in July)', () => {
    expect(within(berlin(saturdayNight), '2026-07-11T20:00:00Z', '2026-07-12T04:00:00Z')).toBe(true);
    expect(within(berlin(saturdayNight), '2026-07-11T21:00:00Z', '2026-07-12T05:00:00Z')).toBe(false);
  });

  it('reads windows in their own zone (New York, UTC−5)', () => {
    const tuesday = { timeZone: 'America/New_York', windows: [{ day: 'tue' as const, from: '00:00', to: '24:00' }] };
    expect(within(tuesday, '2026-01-06T05:00:00Z', '2026-01-07T05:00:00Z')).toBe(true);
    expect(within(tuesday, '2026-01-06T04:59:00Z', '2026-01-06T06:00:00Z')).toBe(false);
  });

  describe('on the night the clocks go forward (Berlin, 2026-03-29, 02:00 CET → 03:00 CEST)', () => {
    const sundayEarly = berlin({ day: 'sun', from: '01:00', to: '04:00' });
    it('a three-hour window lasts two real hours: the skipped hour never occurs', () => {
      expect(within(sundayEarly, '2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z')).toBe(true);
      expect(within(sundayEarly, '2026-03-29T00:00:00Z', '2026-03-29T02:01:00Z')).toBe(false);
      expect(within(sundayEarly, '2026-03-28T23:59:00Z', '2026-03-29T01:00:00Z')).toBe(false);
    });
    it('a window inside the skipped hour covers nothing', () => {
      const skipped = berlin({ day: 'sun', from: '02:15', to: '02:45' });
      expect(within(skipped, '2026-03-29T01:00:00Z', '2026-03-29T01:01:00Z')).toBe(false);
      expect(within(skipped, '2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z')).toBe(false);
    });
  });

  describe('on the night the clocks go back (Berlin, 2026-10-25, 03:00 CEST → 02:00 CET)', () => {
    const untilHalfPastTwo = berlin({ day: 'sun', from: '01:00', to: '02:30' });
    it('a repeated wall time is inside both times it occurs', () => {
      expect(within(untilHalfPastTwo, '2026-10-24T23:00:00Z', '2026-10-25T00:30:00Z')).toBe(true);
      expect(within(untilHalfPastTwo, '2026-10-25T01:00:00Z', '2026-10-25T01:30:00Z')).toBe(true);
    });
    it('the wall times between the two (02:30–03:00 summer time) are outside', () => {
      expect(within(untilHalfPastTwo, '2026-10-24T23:00:00Z', '2026-10-25T01:30:00Z')).toBe(false);
      expect(within(untilHalfPastTwo, '2026-10-25T00:29:00Z', '2026-10-25T00:31:00Z')).toBe(false);
    });
    it('a three-hour window lasts four real hours', () => {
      expect(within(berlin({ day: 'sun', from: '01:00', to: '04:00' }), '2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z')).toBe(true);
    });
  });

  it.each([
    ['an interval that ends before it starts', berlin(saturdayNight), new Date('2026-01-11T00:00:00Z'), new Date('2026-01-10T00:00:00Z')],
    ['an invalid date', berlin(saturdayNight), new Date('not a date'), new Date('2026-01-10T00:00:00Z')],
    ['an unknown zone', { timeZone: 'Mars/Olympus', windows: [saturdayNight] }, new Date('2026-01-10T00:00:00Z'), new Date('2026-01-11T00:00:00Z')],
  ])('refuses %s with a RangeError', (_case, set, start, end) => {
    expect(() => isWithinMaintenanceWindows(set, start, end)).toThrow(RangeError);
  });

  describe('properties', () => {
    const MINUTE = 60_000;
    // Daylight-saving switches (and two zones without any), so that the intervals cross them often.
    const switches: [string, string][] = [
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00:00Z'],
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Asia/Kolkata', '2026-01-10T20:00:00Z'],
      ['UTC', '2026-01-10T22:00:00Z'],
    ];
    const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    // Weekend nights hold the switches: windows there often decide the answer.
    const day = fc.oneof(fc.constantFrom('sat' as const, 'sun' as const), fc.constantFrom(...WEEKDAYS));
    const window = fc
      .record({ day, from: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 1439 }) })
      .map(({ day, from, length }): MaintenanceWindow => ({ day, from: hhmm(from), to: from + length === 1440 ? '24:00' : hhmm((from + length) % 1440) }));
    /** A zone with windows, and an interval of whole minutes around one of its switches, mostly up to 4 hours long. */
    const windowsAndInterval = fc
      .record({
        at: fc.constantFrom(...switches),
        windows: fc.array(window, { maxLength: 6 }),
        offset: fc.integer({ min: -8 * 60, max: 4 * 60 }),
        length: fc.oneof(fc.integer({ min: 0, max: 4 * 60 }), fc.integer({ min: 0, max: 30 * 60 })),
      })
      .map(({ at: [timeZone, instant], windows, offset, length }) => {
        const start = Date.parse(instant) + offset * MINUTE;
        return { set: { timeZone, windows }, start, end: start + length * MINUTE };
      });

    it('a sub-interval of an inside interval is inside', () => {
      fc.assert(
        fc.property(windowsAndInterval, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ({ set, start, end }, a, b) => {
          fc.pre(isWithinMaintenanceWindows(set, new Date(start), new Date(end)));
          const [low, high] = [Math.min(a, b), Math.max(a, b)];
          const subStart = Math.round(start + (end - start) * low);
          const subEnd = Math.round(start + (end - start) * high);
          return isWithinMaintenanceWindows(set, new Date(subStart), new Date(subEnd));
        }),
        { numRuns: 200 },
      );
    });

    it('an interval is inside exactly when both parts of a split are', () => {
      fc.assert(
        fc.property(windowsAndInterval, fc.double({ min: 0, max: 1, noNaN: true }), ({ set, start, end }, at) => {
          const middle = Math.round(start + (end - start) * at);
          const whole = isWithinMaintenanceWindows(set, new Date(start), new Date(end));
          const parts = isWithinMaintenanceWindows(set, new Date(start), new Date(middle)) && isWithinMaintenanceWindows(set, new Date(middle), new Date(end));
          return whole === parts;
        }),
        { numRuns: 300 },
      );
    });

    it('agrees with the wall clock read minute by minute', () => {
      const covered = (set: MaintenanceWindowSet, instant: number): boolean => {
        const local = DateTime.fromMillis(instant, { zone: set.timeZone });
        const position = (local.weekday - 1) * 1440 + local.hour * 60 + local.minute;
        return set.windows.some((w) => {
          const { start, end } = maintenanceWindowSpan(w);
          return (start <= position && position < end) || (start <= position + MINUTES_PER_WEEK && position + MINUTES_PER_WEEK < end);
        });
      };
      fc.assert(
        fc.property(windowsAndInterval, ({ set, start, end }) => {
          let expected = true;
          for (let instant = start; instant < end && expected; instant += MINUTE) expected = covered(set, instant);
          return isWithinMaintenanceWindows(set, new Date(start), new Date(end)) === expected;
        }),
        { numRuns: 500 },
      );
    });
  });
});
