import { BusinessCalendar } from './business-calendar';
import { BERLIN_24X7, BERLIN_OFFICE, NEW_YORK_24X7 } from './sla-test-calendars';

const office = new BusinessCalendar(BERLIN_OFFICE);

describe('BusinessCalendar', () => {
  it('counts business minutes between two instants across a weekend (Fri 16:00 → Mon 10:00 = 60 + 60)', () => {
    expect(office.businessMinutesBetween(new Date('2026-03-06T16:00+01:00'), new Date('2026-03-09T10:00+01:00'))).toBe(120);
  });

  it('counts fractional minutes exactly and nothing backwards', () => {
    expect(office.businessMinutesBetween(new Date('2026-03-02T09:00+01:00'), new Date('2026-03-02T09:00:30+01:00'))).toBe(0.5);
    expect(office.businessMinutesBetween(new Date('2026-03-02T12:00+01:00'), new Date('2026-03-02T10:00+01:00'))).toBe(0);
  });

  it('answers the start itself for zero minutes, even outside support hours', () => {
    expect(office.addBusinessMinutes(new Date('2026-03-07T10:00+01:00'), 0)).toEqual(new Date('2026-03-07T10:00+01:00'));
  });

  it('ends at the close of a period rather than the next opening (Fri 16:00 + 60 = Fri 17:00)', () => {
    expect(office.addBusinessMinutes(new Date('2026-03-06T16:00+01:00'), 60)).toEqual(new Date('2026-03-06T17:00+01:00'));
  });

  it('rounds fractional minutes to the millisecond (0.0001 min = 6 ms)', () => {
    expect(office.addBusinessMinutes(new Date('2026-03-02T09:00+01:00'), 0.0001)).toEqual(new Date('2026-03-02T08:00:00.006Z'));
  });

  it('skips a whole holiday', () => {
    // Thu 2 April 16:30 + 60: 30 on Thursday, Good Friday off, weekend, Easter Monday off → Tue 7 April 09:30 CEST.
    expect(office.addBusinessMinutes(new Date('2026-04-02T16:30+02:00'), 60)).toEqual(new Date('2026-04-07T09:30+02:00'));
  });

  it('measures the daylight-saving days of a 24×7 calendar in real time (23 h, 25 h)', () => {
    const berlin = new BusinessCalendar(BERLIN_24X7);
    expect(berlin.businessMinutesBetween(new Date('2026-03-29T00:00+01:00'), new Date('2026-03-30T00:00+02:00'))).toBe(23 * 60);
    expect(berlin.businessMinutesBetween(new Date('2026-10-25T00:00+02:00'), new Date('2026-10-26T00:00+01:00'))).toBe(25 * 60);
    const newYork = new BusinessCalendar(NEW_YORK_24X7);
    expect(newYork.businessMinutesBetween(new Date('2026-03-08T00:00-05:00'), new Date('2026-03-09T00:00-04:00'))).toBe(23 * 60);
    expect(newYork.businessMinutesBetween(new Date('2026-11-01T00:00-04:00'), new Date('2026-11-02T00:00-05:00'))).toBe(25 * 60);
  });

  it('is the inverse of addBusinessMinutes', () => {
    const start = new Date('2026-03-27T15:17:23.456+01:00');
    const due = office.addBusinessMinutes(start, 1234.5);
    expect(office.businessMinutesBetween(start, due)).toBe(1234.5);
  });

  it('refuses an unknown zone, a malformed time, a period that ends before it starts and a calendar without hours', () => {
    expect(() => new BusinessCalendar({ ...BERLIN_OFFICE, timeZone: 'Mars/Olympus' })).toThrow(/IANA/);
    expect(() => new BusinessCalendar({ ...BERLIN_OFFICE, weeklyHours: [{ day: 'mon', from: '9:00', to: '17:00' }] })).toThrow(/time of day/);
    expect(() => new BusinessCalendar({ ...BERLIN_OFFICE, weeklyHours: [{ day: 'mon', from: '17:00', to: '09:00' }] })).toThrow(/ends before/);
    expect(() => new BusinessCalendar({ ...BERLIN_OFFICE, weeklyHours: [] })).toThrow(/no support hours/);
  });

  it('refuses a negative duration', () => {
    expect(() => office.addBusinessMinutes(new Date('2026-03-02T09:00+01:00'), -1)).toThrow(RangeError);
  });
});
