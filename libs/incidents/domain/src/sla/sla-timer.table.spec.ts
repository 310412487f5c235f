import type { SlaTimerState, SupportCalendar } from '@itsm/contracts';
import { BusinessCalendar } from './business-calendar';
import {
  changeSlaTimerCalendar,
  pauseSlaTimer,
  resumeSlaTimer,
  retargetSlaTimer,
  slaTimerDeadlines,
  slaTimerView,
  startSlaTimer,
  stopSlaTimer,
  type SlaTimer,
} from './sla-timer';
import {
  BERLIN_24X7,
  BERLIN_EVENINGS,
  BERLIN_OFFICE,
  BERLIN_SPLIT_DAY,
  BERLIN_SUNDAY_0230,
  BERLIN_SUNDAY_NIGHT,
  NEW_YORK_24X7,
  NEW_YORK_OFFICE,
} from './sla-test-calendars';

/*
 * The SLA table: each row is a calendar, a start, operations with their instants, and the figures worked out by
 * hand (the comment above each row): due time, the 50%/75% warning and breach instants of a running timer
 * (none while paused or stopped), and the view at `now`. Offsets: Berlin +01:00 (CET) / +02:00 (CEST, from
 * 2026-03-29 01:00Z to 2026-10-25 01:00Z); New York −05:00 (EST) / −04:00 (EDT, 2026-03-08 07:00Z to 2026-11-01 06:00Z).
 */

type Operation =
  | ['pause' | 'resume' | 'met' | 'cancel', string]
  | ['retarget', string, number]
  | ['calendar', string, SupportCalendar];

interface Row {
  name: string;
  calendar: SupportCalendar;
  target: number;
  start: string;
  operations?: Operation[];
  now: string;
  dueAt: string;
  /** [50% warning, 75% warning, breach] for a running timer; [] when its clock stands. */
  deadlines: [string, string, string] | [];
  /** [state, elapsedMinutes, pausedMinutes, remainingMinutes] at `now`. */
  view: [SlaTimerState, number, number, number];
}

const rows: Row[] = [
  // 10:00 + 240 min inside one day → 14:00; 50% = 120 min → 12:00; 75% = 180 → 13:00. At 11:00: 60 elapsed.
  { name: 'office day, same day', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-02T10:00+01:00', now: '2026-03-02T11:00+01:00',
    dueAt: '2026-03-02T14:00+01:00', deadlines: ['2026-03-02T12:00+01:00', '2026-03-02T13:00+01:00', '2026-03-02T14:00+01:00'], view: ['running', 60, 0, 180] },
  // Mon 15–17 = 120, Tue 09–11 = 120 → Tue 11:00; 120 is reached at Mon 17:00 (the earliest instant); 180 → Tue 10:00.
  { name: 'office day, across the night', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-02T15:00+01:00', now: '2026-03-03T09:30+01:00',
    dueAt: '2026-03-03T11:00+01:00', deadlines: ['2026-03-02T17:00+01:00', '2026-03-03T10:00+01:00', '2026-03-03T11:00+01:00'], view: ['running', 150, 0, 90] },
  // Fri 16:30–17:00 = 30, then Mon 09:00–09:30 → Mon 09:30; 30 → Fri 17:00, 45 → Mon 09:15. Saturday counts nothing.
  { name: 'office day, across a weekend', calendar: BERLIN_OFFICE, target: 60, start: '2026-03-06T16:30+01:00', now: '2026-03-07T12:00+01:00',
    dueAt: '2026-03-09T09:30+01:00', deadlines: ['2026-03-06T17:00+01:00', '2026-03-09T09:15+01:00', '2026-03-09T09:30+01:00'], view: ['running', 30, 0, 30] },
  // Opened on Saturday: the clock starts Mon 09:00 → due 11:00, 60 → 10:00, 90 → 10:30; Mon 09:00 has nothing elapsed.
  { name: 'office day, opened on a Saturday', calendar: BERLIN_OFFICE, target: 120, start: '2026-03-07T10:00+01:00', now: '2026-03-09T09:00+01:00',
    dueAt: '2026-03-09T11:00+01:00', deadlines: ['2026-03-09T10:00+01:00', '2026-03-09T10:30+01:00', '2026-03-09T11:00+01:00'], view: ['running', 0, 0, 120] },
  // Opened 07:00 before opening: 09:00 + 30 → 09:30; 15 → 09:15; 22.5 → 09:22:30; at 09:22:30, 22.5 min shows as 22.
  { name: 'office day, opened before opening, fractional warning', calendar: BERLIN_OFFICE, target: 30, start: '2026-03-03T07:00+01:00', now: '2026-03-03T09:22:30+01:00',
    dueAt: '2026-03-03T09:30+01:00', deadlines: ['2026-03-03T09:15+01:00', '2026-03-03T09:22:30+01:00', '2026-03-03T09:30+01:00'], view: ['running', 22, 0, 8] },
  // Thu 16–17 = 60; Fri (Good Friday), weekend, Mon (Easter Monday) count nothing; Tue 09:00 + 420 → 16:00. 240 → Tue 12:00, 360 → 14:00.
  { name: 'Easter holidays', calendar: BERLIN_OFFICE, target: 480, start: '2026-04-02T16:00+02:00', now: '2026-04-07T10:00+02:00',
    dueAt: '2026-04-07T16:00+02:00', deadlines: ['2026-04-07T12:00+02:00', '2026-04-07T14:00+02:00', '2026-04-07T16:00+02:00'], view: ['running', 120, 0, 360] },
  // Wed 14–17 = 180; Thu 24th, Fri 25th holidays; weekend; Mon 09:00 + 420 → 16:00. 300 → Mon 11:00, 450 → 13:30.
  { name: 'Christmas holidays', calendar: BERLIN_OFFICE, target: 600, start: '2026-12-23T14:00+01:00', now: '2026-12-28T09:00+01:00',
    dueAt: '2026-12-28T16:00+01:00', deadlines: ['2026-12-28T11:00+01:00', '2026-12-28T13:30+01:00', '2026-12-28T16:00+01:00'], view: ['running', 180, 0, 420] },
  // Spring-forward weekend (Sun 29 March): Fri 15–17 CET = 120, Mon 09–11 CEST = 120. Wall-clock hours: the night changes nothing.
  { name: 'Berlin office, spring-forward weekend', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-27T15:00+01:00', now: '2026-03-30T09:00+02:00',
    dueAt: '2026-03-30T11:00+02:00', deadlines: ['2026-03-27T17:00+01:00', '2026-03-30T10:00+02:00', '2026-03-30T11:00+02:00'], view: ['running', 120, 0, 120] },
  // Fall-back weekend (Sun 25 October): Fri 16–17 CEST = 60, Mon 09–10 CET = 60 → Mon 10:00 CET; at the due instant it is breached.
  { name: 'Berlin office, fall-back weekend, breached at the due instant', calendar: BERLIN_OFFICE, target: 120, start: '2026-10-23T16:00+02:00', now: '2026-10-26T10:00+01:00',
    dueAt: '2026-10-26T10:00+01:00', deadlines: ['2026-10-23T17:00+02:00', '2026-10-26T09:30+01:00', '2026-10-26T10:00+01:00'], view: ['breached', 120, 0, 0] },
  // 24×7 counts real time: Sat 12:00 CET (11:00Z) + 24 h = Sun 11:00Z = 13:00 CEST (the skipped hour is not counted).
  // 12 h → 23:00Z = Sun 00:00 CET; 18 h → 05:00Z = 07:00 CEST. At Sun 12:00 CEST (10:00Z) 23 h have passed.
  { name: 'Berlin 24x7, spring forward: a 23-hour night', calendar: BERLIN_24X7, target: 1440, start: '2026-03-28T12:00+01:00', now: '2026-03-29T12:00+02:00',
    dueAt: '2026-03-29T13:00+02:00', deadlines: ['2026-03-29T00:00+01:00', '2026-03-29T07:00+02:00', '2026-03-29T13:00+02:00'], view: ['running', 1380, 0, 60] },
  // Sat 12:00 CEST (10:00Z) + 24 h = Sun 10:00Z = 11:00 CET (the repeated hour counts). 12 h → 22:00Z = Sun 00:00 CEST;
  // 18 h → 04:00Z = 05:00 CET. At Sun 12:00 CET (11:00Z) 25 h have passed: breached, 60 over.
  { name: 'Berlin 24x7, fall back: a 25-hour night', calendar: BERLIN_24X7, target: 1440, start: '2026-10-24T12:00+02:00', now: '2026-10-25T12:00+01:00',
    dueAt: '2026-10-25T11:00+01:00', deadlines: ['2026-10-25T00:00+02:00', '2026-10-25T05:00+01:00', '2026-10-25T11:00+01:00'], view: ['breached', 1500, 0, -60] },
  // The whole of Sun 25 October is 25 h: 00:00 CEST (Sat 22:00Z) + 1500 = Mon 00:00 CET (Sun 23:00Z); 750 → 10:30Z; 1125 → 16:45Z.
  { name: 'Berlin 24x7, the fall-back day is 1500 minutes', calendar: BERLIN_24X7, target: 1500, start: '2026-10-25T00:00+02:00', now: '2026-10-26T00:00+01:00',
    dueAt: '2026-10-26T00:00+01:00', deadlines: ['2026-10-25T11:30+01:00', '2026-10-25T17:45+01:00', '2026-10-26T00:00+01:00'], view: ['breached', 1500, 0, 0] },
  // New York spring forward (Sun 8 March): Fri 16–17 EST = 60, Mon 09:00 EDT + 120 → 11:00 EDT; 90 → 09:30, 135 → 10:15.
  { name: 'New York office, spring-forward weekend', calendar: NEW_YORK_OFFICE, target: 180, start: '2026-03-06T16:00-05:00', now: '2026-03-09T10:00-04:00',
    dueAt: '2026-03-09T11:00-04:00', deadlines: ['2026-03-09T09:30-04:00', '2026-03-09T10:15-04:00', '2026-03-09T11:00-04:00'], view: ['running', 120, 0, 60] },
  // New York fall back (Sun 1 November): Fri 15:30–17:00 EDT = 90, Mon 09:00 EST + 150 → 11:30 EST; 120 → 09:30, 180 → 10:30.
  { name: 'New York office, fall-back weekend', calendar: NEW_YORK_OFFICE, target: 240, start: '2026-10-30T15:30-04:00', now: '2026-11-02T09:00-05:00',
    dueAt: '2026-11-02T11:30-05:00', deadlines: ['2026-11-02T09:30-05:00', '2026-11-02T10:30-05:00', '2026-11-02T11:30-05:00'], view: ['running', 90, 0, 150] },
  // NY 24×7: Sat 22:00 EST (03:00Z) + 4 h real = 07:00Z = 03:00 EDT (wall clock 5 h later: 02:00–03:00 never happened).
  // 2 h → 05:00Z = 00:00 EST, 3 h → 06:00Z = 01:00 EST. At 03:30 EDT (07:30Z) 270 min: 30 over.
  { name: 'New York 24x7, spring forward', calendar: NEW_YORK_24X7, target: 240, start: '2026-03-07T22:00-05:00', now: '2026-03-08T03:30-04:00',
    dueAt: '2026-03-08T03:00-04:00', deadlines: ['2026-03-08T00:00-05:00', '2026-03-08T01:00-05:00', '2026-03-08T03:00-04:00'], view: ['breached', 270, 0, -30] },
  // NY 24×7: Sat 23:00 EDT (03:00Z) + 4 h = 07:00Z = 02:00 EST (wall clock 3 h later: 01:00–02:00 happened twice).
  // 50% at 05:00Z = the first 01:00 (EDT), 75% at 06:00Z = the second 01:00 (EST). At 01:30 EST (06:30Z): 210 min.
  { name: 'New York 24x7, fall back: the repeated hour counts twice', calendar: NEW_YORK_24X7, target: 240, start: '2026-10-31T23:00-04:00', now: '2026-11-01T01:30-05:00',
    dueAt: '2026-11-01T02:00-05:00', deadlines: ['2026-11-01T01:00-04:00', '2026-11-01T01:00-05:00', '2026-11-01T02:00-05:00'], view: ['running', 210, 0, 30] },
  // Thanksgiving (Thu 26 Nov): Wed 16–17 = 60, Fri 09:00 + 180 → 12:00; 120 → Fri 10:00, 180 → Fri 11:00. Thursday noon: 60.
  { name: 'New York office, Thanksgiving', calendar: NEW_YORK_OFFICE, target: 240, start: '2026-11-25T16:00-05:00', now: '2026-11-26T12:00-05:00',
    dueAt: '2026-11-27T12:00-05:00', deadlines: ['2026-11-27T10:00-05:00', '2026-11-27T11:00-05:00', '2026-11-27T12:00-05:00'], view: ['running', 60, 0, 180] },
  // Two periods a day: 11–12 = 60, lunch, 13–14 = 60 → 14:00; 60 → 12:00 (end of the morning), 90 → 13:30. At 12:30: 60.
  { name: 'split day with a lunch break', calendar: BERLIN_SPLIT_DAY, target: 120, start: '2026-03-02T11:00+01:00', now: '2026-03-02T12:30+01:00',
    dueAt: '2026-03-02T14:00+01:00', deadlines: ['2026-03-02T12:00+01:00', '2026-03-02T13:30+01:00', '2026-03-02T14:00+01:00'], view: ['running', 60, 0, 60] },
  // Sun 01:00–04:00 on 29 March lasts 2 h (01:00 CET = 00:00Z to 04:00 CEST = 02:00Z): the skipped hour counts nothing.
  // 90 → 01:30Z = 03:30 CEST; then Sun 5 April 01:00 CEST: 135 → 01:15, 180 → 02:00 CEST.
  { name: 'night shift containing the skipped hour', calendar: BERLIN_SUNDAY_NIGHT, target: 180, start: '2026-03-28T12:00+01:00', now: '2026-03-30T12:00+02:00',
    dueAt: '2026-04-05T02:00+02:00', deadlines: ['2026-03-29T03:30+02:00', '2026-04-05T01:15+02:00', '2026-04-05T02:00+02:00'], view: ['running', 120, 0, 60] },
  // Sun 01:00–04:00 on 25 October lasts 4 h (01:00 CEST = Sat 23:00Z to 04:00 CET = 03:00Z): the repeated hour counts twice.
  // 120 → 01:00Z = the second 02:00 (CET), 180 → 02:00Z = 03:00 CET, 240 → 04:00 CET. At the first 02:30 (00:30Z): 90.
  { name: 'night shift containing the repeated hour', calendar: BERLIN_SUNDAY_NIGHT, target: 240, start: '2026-10-24T12:00+02:00', now: '2026-10-25T02:30+02:00',
    dueAt: '2026-10-25T04:00+01:00', deadlines: ['2026-10-25T02:00+01:00', '2026-10-25T03:00+01:00', '2026-10-25T04:00+01:00'], view: ['running', 90, 0, 150] },
  // 02:30 does not exist on 29 March: the shift starts when the clocks jump (03:00 CEST = 01:00Z) and lasts 2 h to 05:00 CEST.
  // 30 → 03:30 CEST, 45 → 03:45, 60 → 04:00. At 03:00 CEST nothing has elapsed yet.
  { name: 'shift starting inside the skipped hour', calendar: BERLIN_SUNDAY_0230, target: 60, start: '2026-03-28T12:00+01:00', now: '2026-03-29T03:00+02:00',
    dueAt: '2026-03-29T04:00+02:00', deadlines: ['2026-03-29T03:30+02:00', '2026-03-29T03:45+02:00', '2026-03-29T04:00+02:00'], view: ['running', 0, 0, 60] },
  // 02:30 happens twice on 25 October: the shift starts at the first (00:30Z) and lasts 3.5 h to 05:00 CET (04:00Z).
  // 105 → 02:15Z = 03:15 CET, 157.5 → 03:07:30Z = 04:07:30 CET, 210 → 05:00 CET. At the second 02:30 (01:30Z): 60.
  { name: 'shift starting inside the repeated hour', calendar: BERLIN_SUNDAY_0230, target: 210, start: '2026-10-24T12:00+02:00', now: '2026-10-25T02:30+01:00',
    dueAt: '2026-10-25T05:00+01:00', deadlines: ['2026-10-25T03:15+01:00', '2026-10-25T04:07:30+01:00', '2026-10-25T05:00+01:00'], view: ['running', 60, 0, 150] },
  // Periods up to '24:00': Mon 23:00–24:00 = 60, Tue 18:00 + 60 → 19:00; 60 is reached at Tue 00:00, 90 at Tue 18:30.
  { name: 'evening shift ending at 24:00', calendar: BERLIN_EVENINGS, target: 120, start: '2026-03-02T23:00+01:00', now: '2026-03-03T12:00+01:00',
    dueAt: '2026-03-03T19:00+01:00', deadlines: ['2026-03-03T00:00+01:00', '2026-03-03T18:30+01:00', '2026-03-03T19:00+01:00'], view: ['running', 60, 0, 60] },
  // Hold 10:00–11:30: 60 before, 180 left from 11:30 → 14:30; 120 → 12:30, 180 → 13:30. At 12:00: 90 elapsed, 90 paused.
  { name: 'hold within a day', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-03T09:00+01:00', operations: [['pause', '2026-03-03T10:00+01:00'], ['resume', '2026-03-03T11:30+01:00']], now: '2026-03-03T12:00+01:00',
    dueAt: '2026-03-03T14:30+01:00', deadlines: ['2026-03-03T12:30+01:00', '2026-03-03T13:30+01:00', '2026-03-03T14:30+01:00'], view: ['running', 90, 90, 150] },
  // Tue 14–16 = 120 then hold to Wed 10:00 (paused Tue 16–17 + Wed 09–10 = 120); 120 left → Wed 12:00.
  // 50% (120) was reached at Tue 16:00 just as the hold began; 180 → Wed 11:00. At Wed 11:00: 180 elapsed.
  { name: 'hold spanning a night', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-03T14:00+01:00', operations: [['pause', '2026-03-03T16:00+01:00'], ['resume', '2026-03-04T10:00+01:00']], now: '2026-03-04T11:00+01:00',
    dueAt: '2026-03-04T12:00+01:00', deadlines: ['2026-03-03T16:00+01:00', '2026-03-04T11:00+01:00', '2026-03-04T12:00+01:00'], view: ['running', 180, 120, 60] },
  // Fri 10–15 = 300, hold to Mon 11:00 (paused Fri 15–17 + Mon 09–11 = 240), 180 left → Mon 14:00; 240 → Fri 14:00, 360 → Mon 12:00.
  { name: 'hold spanning a weekend', calendar: BERLIN_OFFICE, target: 480, start: '2026-03-06T10:00+01:00', operations: [['pause', '2026-03-06T15:00+01:00'], ['resume', '2026-03-09T11:00+01:00']], now: '2026-03-09T12:00+01:00',
    dueAt: '2026-03-09T14:00+01:00', deadlines: ['2026-03-06T14:00+01:00', '2026-03-09T12:00+01:00', '2026-03-09T14:00+01:00'], view: ['running', 360, 240, 120] },
  // NY hold over the spring-forward weekend: Fri 10–14 EST = 240, paused Fri 14–17 + Mon 09–10 EDT = 240, 240 left → Mon 14:00 EDT.
  { name: 'New York hold across the spring-forward weekend', calendar: NEW_YORK_OFFICE, target: 480, start: '2026-03-06T10:00-05:00', operations: [['pause', '2026-03-06T14:00-05:00'], ['resume', '2026-03-09T10:00-04:00']], now: '2026-03-09T13:00-04:00',
    dueAt: '2026-03-09T14:00-04:00', deadlines: ['2026-03-06T14:00-05:00', '2026-03-09T12:00-04:00', '2026-03-09T14:00-04:00'], view: ['running', 420, 240, 60] },
  // Berlin 24×7 hold 20:00Z–03:00Z over the fall-back night: 6 wall-clock hours but 7 real hours paused (420).
  // 120 before; 480 left from 03:00Z → 11:00Z = 12:00 CET; 300 → 06:00Z, 450 → 08:30Z. At 09:00Z: 120 + 360.
  { name: 'Berlin 24x7 hold across the fall-back night', calendar: BERLIN_24X7, target: 600, start: '2026-10-24T20:00+02:00', operations: [['pause', '2026-10-24T22:00+02:00'], ['resume', '2026-10-25T04:00+01:00']], now: '2026-10-25T10:00+01:00',
    dueAt: '2026-10-25T12:00+01:00', deadlines: ['2026-10-25T07:00+01:00', '2026-10-25T09:30+01:00', '2026-10-25T12:00+01:00'], view: ['running', 480, 420, 120] },
  // Read while on hold: 60 elapsed, paused Mon 10–17 + Tue 09–10 = 480; the due time is where 60 more would end from now: Tue 11:00.
  { name: 'viewed while on hold', calendar: BERLIN_OFFICE, target: 120, start: '2026-03-02T09:00+01:00', operations: [['pause', '2026-03-02T10:00+01:00']], now: '2026-03-03T10:00+01:00',
    dueAt: '2026-03-03T11:00+01:00', deadlines: [], view: ['paused', 60, 480, 60] },
  // Breached at 10:00 (60 of 60), then held at 11:00: still breached; due stays 10:00; 120 elapsed, 60 paused (11–12).
  { name: 'breached, then put on hold', calendar: BERLIN_OFFICE, target: 60, start: '2026-03-02T09:00+01:00', operations: [['pause', '2026-03-02T11:00+01:00']], now: '2026-03-02T12:00+01:00',
    dueAt: '2026-03-02T10:00+01:00', deadlines: [], view: ['breached', 120, 60, -60] },
  // Met at 11:00 with 120 of 240: met; the figures freeze at the stop, due stays 13:00.
  { name: 'met before the due time', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-02T09:00+01:00', operations: [['met', '2026-03-02T11:00+01:00']], now: '2026-03-03T15:00+01:00',
    dueAt: '2026-03-02T13:00+01:00', deadlines: [], view: ['met', 120, 0, 120] },
  // Met at 10:30 with 90 of 60: a late stop shows as breached, 30 over.
  { name: 'met after the due time', calendar: BERLIN_OFFICE, target: 60, start: '2026-03-02T09:00+01:00', operations: [['met', '2026-03-02T10:30+01:00']], now: '2026-03-02T12:00+01:00',
    dueAt: '2026-03-02T10:00+01:00', deadlines: [], view: ['breached', 90, 0, -30] },
  // The due instant itself is late: met at exactly 10:00 with 60 of 60 shows as breached.
  { name: 'met exactly at the due time', calendar: BERLIN_OFFICE, target: 60, start: '2026-03-02T09:00+01:00', operations: [['met', '2026-03-02T10:00+01:00']], now: '2026-03-02T12:00+01:00',
    dueAt: '2026-03-02T10:00+01:00', deadlines: [], view: ['breached', 60, 0, 0] },
  // Cancelled at 09:30: 30 elapsed, due as it stood (10:00), no deadlines.
  { name: 'cancelled', calendar: BERLIN_OFFICE, target: 60, start: '2026-03-02T09:00+01:00', operations: [['cancel', '2026-03-02T09:30+01:00']], now: '2026-03-02T12:00+01:00',
    dueAt: '2026-03-02T10:00+01:00', deadlines: [], view: ['cancelled', 30, 0, 30] },
  // P1 → P3 at 09:40: 240 from the original 09:00 → 13:00; 120 → 11:00, 180 → 12:00. At 10:30: 90 of 240.
  { name: 'priority lowered mid-flight: target raised from the original start', calendar: BERLIN_OFFICE, target: 60, start: '2026-03-02T09:00+01:00', operations: [['retarget', '2026-03-02T09:40+01:00', 240]], now: '2026-03-02T10:30+01:00',
    dueAt: '2026-03-02T13:00+01:00', deadlines: ['2026-03-02T11:00+01:00', '2026-03-02T12:00+01:00', '2026-03-02T13:00+01:00'], view: ['running', 90, 0, 150] },
  // P4 → P1 at 11:00: 60 from 09:00 → due 10:00, already past; 30 → 09:30, 45 → 09:45 (all behind: fire at once). 120 of 60.
  { name: 'priority raised mid-flight: target already passed', calendar: BERLIN_OFFICE, target: 480, start: '2026-03-02T09:00+01:00', operations: [['retarget', '2026-03-02T11:00+01:00', 60]], now: '2026-03-02T11:00+01:00',
    dueAt: '2026-03-02T10:00+01:00', deadlines: ['2026-03-02T09:30+01:00', '2026-03-02T09:45+01:00', '2026-03-02T10:00+01:00'], view: ['breached', 120, 0, -60] },
  // 60 then hold at 10:00; retarget to 120 while held; resume Tue 09:00 (paused Mon 10–17 = 420); 60 left → Tue 10:00.
  // 60 was reached at the hold (Mon 10:00), 90 → Tue 09:30. At Tue 09:30: 90.
  { name: 'retargeted while on hold', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-02T09:00+01:00', operations: [['pause', '2026-03-02T10:00+01:00'], ['retarget', '2026-03-02T12:00+01:00', 120], ['resume', '2026-03-03T09:00+01:00']], now: '2026-03-03T09:30+01:00',
    dueAt: '2026-03-03T10:00+01:00', deadlines: ['2026-03-02T10:00+01:00', '2026-03-03T09:30+01:00', '2026-03-03T10:00+01:00'], view: ['running', 90, 420, 30] },
  // Resolved (met) Mon 11:00 at 120; reopened Tue 09:00 (Mon 11–17 = 360 counts as paused); 120 left → Tue 11:00; 180 → Tue 10:00.
  { name: 'reopened after resolution', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-02T09:00+01:00', operations: [['met', '2026-03-02T11:00+01:00'], ['resume', '2026-03-03T09:00+01:00']], now: '2026-03-03T10:00+01:00',
    dueAt: '2026-03-03T11:00+01:00', deadlines: ['2026-03-02T11:00+01:00', '2026-03-03T10:00+01:00', '2026-03-03T11:00+01:00'], view: ['running', 180, 360, 60] },
  // Office → 24×7 at Mon 13:00 with 240 of 720 counted; 480 left in real time → 21:00; 360 → 15:00, 540 → 18:00. At 20:00: 660.
  { name: 'calendar changed while running: office to 24x7', calendar: BERLIN_OFFICE, target: 720, start: '2026-03-02T09:00+01:00', operations: [['calendar', '2026-03-02T13:00+01:00', BERLIN_24X7]], now: '2026-03-02T20:00+01:00',
    dueAt: '2026-03-02T21:00+01:00', deadlines: ['2026-03-02T15:00+01:00', '2026-03-02T18:00+01:00', '2026-03-02T21:00+01:00'], view: ['running', 660, 0, 60] },
  // Berlin office → New York office at 12:00 CET (11:00Z) with 180 counted; NY opens 09:00 EST (14:00Z): 420 left → 16:00 EST.
  // 300 → 11:00 EST, 450 → 13:30 EST. At 13:00Z (08:00 EST) nothing more has counted: Berlin hours no longer do.
  { name: 'calendar changed while running: Berlin to New York', calendar: BERLIN_OFFICE, target: 600, start: '2026-03-02T09:00+01:00', operations: [['calendar', '2026-03-02T12:00+01:00', NEW_YORK_OFFICE]], now: '2026-03-02T13:00Z',
    dueAt: '2026-03-02T16:00-05:00', deadlines: ['2026-03-02T11:00-05:00', '2026-03-02T13:30-05:00', '2026-03-02T16:00-05:00'], view: ['running', 180, 0, 420] },
  // 60, hold 10:00; office → 24×7 at 18:00 while held (paused 10–17 office = 420); resume 20:00 (paused 120 more, 24×7);
  // 180 left → 23:00; 120 → 21:00, 180 → 22:00. At 22:00: 180 elapsed, 540 paused.
  { name: 'calendar changed while on hold', calendar: BERLIN_OFFICE, target: 240, start: '2026-03-02T09:00+01:00', operations: [['pause', '2026-03-02T10:00+01:00'], ['calendar', '2026-03-02T18:00+01:00', BERLIN_24X7], ['resume', '2026-03-02T20:00+01:00']], now: '2026-03-02T22:00+01:00',
    dueAt: '2026-03-02T23:00+01:00', deadlines: ['2026-03-02T21:00+01:00', '2026-03-02T22:00+01:00', '2026-03-02T23:00+01:00'], view: ['running', 180, 540, 60] },
  // Office Fri 09–17 = 480, then 24×7 from Fri 17:00 CET (16:00Z): 2040 left = 34 h real → Sun 02:00Z = 04:00 CEST.
  // 1260 → 13 h after 16:00Z = Sat 05:00Z; 1890 → 23.5 h → Sat 15:30Z. At Sun 04:00 CEST: exactly due.
  { name: 'calendar changed to 24x7 before the spring-forward night', calendar: BERLIN_OFFICE, target: 2520, start: '2026-03-27T09:00+01:00', operations: [['calendar', '2026-03-27T17:00+01:00', BERLIN_24X7]], now: '2026-03-29T04:00+02:00',
    dueAt: '2026-03-29T04:00+02:00', deadlines: ['2026-03-28T06:00+01:00', '2026-03-28T16:30+01:00', '2026-03-29T04:00+02:00'], view: ['breached', 2520, 0, 0] },
];

const instant = (text: string): Date => new Date(text);
const utc = (text: string): string => instant(text).toISOString();

const apply = (timer: SlaTimer, operation: Operation): SlaTimer => {
  const at = instant(operation[1]);
  switch (operation[0]) {
    case 'pause':
      return pauseSlaTimer(timer, at);
    case 'resume':
      return resumeSlaTimer(timer, at);
    case 'met':
      return stopSlaTimer(timer, at, 'met');
    case 'cancel':
      return stopSlaTimer(timer, at, 'cancelled');
    case 'retarget':
      return retargetSlaTimer(timer, operation[2]);
    case 'calendar':
      return changeSlaTimerCalendar(timer, new BusinessCalendar(operation[2]), at);
  }
};

describe('SLA timer table', () => {
  it('has at least 30 cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const started = startSlaTimer({
      kind: 'resolution',
      targetMinutes: row.target,
      startedAt: instant(row.start),
      calendar: new BusinessCalendar(row.calendar),
    });
    const timer = (row.operations ?? []).reduce(apply, started);
    const [state, elapsedMinutes, pausedMinutes, remainingMinutes] = row.view;

    expect(slaTimerView(timer, instant(row.now))).toEqual({
      kind: 'resolution',
      state,
      targetMinutes: timer.targetMinutes,
      startedAt: utc(row.start),
      dueAt: utc(row.dueAt),
      elapsedMinutes,
      pausedMinutes,
      remainingMinutes,
    });
    expect(slaTimerDeadlines(timer).map((deadline) => [deadline.threshold, deadline.at.toISOString()])).toEqual(
      row.deadlines.map((at, index) => [[50, 75, 100][index], utc(at)]),
    );
  });
});
