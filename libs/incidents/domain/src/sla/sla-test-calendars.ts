import { WEEKDAYS, type SupportCalendar, type Weekday } from '@itsm/contracts';

/* Calendars shared by the SLA specs. Times in the specs are written with their UTC offset so a reader sees the zone. */

const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const hours = (days: readonly Weekday[], from: string, to: string) => days.map((day) => ({ day, from, to }));

/** Berlin office: Mon–Fri 09:00–17:00; Good Friday, Easter Monday and Christmas 2026 are holidays. */
export const BERLIN_OFFICE: SupportCalendar = {
  name: 'Berlin office hours',
  timeZone: 'Europe/Berlin',
  weeklyHours: hours(WORKDAYS, '09:00', '17:00'),
  holidays: ['2026-04-03', '2026-04-06', '2026-12-24', '2026-12-25'],
};

/** Berlin round the clock (24×7, '24:00' ends each day), no holidays. */
export const BERLIN_24X7: SupportCalendar = {
  name: 'Berlin 24x7',
  timeZone: 'Europe/Berlin',
  weeklyHours: hours(WEEKDAYS, '00:00', '24:00'),
  holidays: [],
};

/** New York office: Mon–Fri 09:00–17:00; Independence Day (observed) and Thanksgiving 2026 are holidays. */
export const NEW_YORK_OFFICE: SupportCalendar = {
  name: 'New York office hours',
  timeZone: 'America/New_York',
  weeklyHours: hours(WORKDAYS, '09:00', '17:00'),
  holidays: ['2026-07-03', '2026-11-26'],
};

export const NEW_YORK_24X7: SupportCalendar = {
  name: 'New York 24x7',
  timeZone: 'America/New_York',
  weeklyHours: hours(WEEKDAYS, '00:00', '24:00'),
  holidays: [],
};

/** Two periods a day with a lunch break. */
export const BERLIN_SPLIT_DAY: SupportCalendar = {
  name: 'Berlin split day',
  timeZone: 'Europe/Berlin',
  weeklyHours: [...hours(WORKDAYS, '08:00', '12:00'), ...hours(WORKDAYS, '13:00', '17:00')],
  holidays: [],
};

/** A Sunday night shift whose hours contain the daylight-saving switch (02:00–03:00 in Berlin). */
export const BERLIN_SUNDAY_NIGHT: SupportCalendar = {
  name: 'Berlin Sunday night',
  timeZone: 'Europe/Berlin',
  weeklyHours: [{ day: 'sun', from: '01:00', to: '04:00' }],
  holidays: [],
};

/** A Sunday shift that starts inside the hour the clocks skip or repeat. */
export const BERLIN_SUNDAY_0230: SupportCalendar = {
  name: 'Berlin Sunday from 02:30',
  timeZone: 'Europe/Berlin',
  weeklyHours: [{ day: 'sun', from: '02:30', to: '05:00' }],
  holidays: [],
};

/** Evening support up to midnight ('24:00'). */
export const BERLIN_EVENINGS: SupportCalendar = {
  name: 'Berlin evenings',
  timeZone: 'Europe/Berlin',
  weeklyHours: hours(WORKDAYS, '18:00', '24:00'),
  holidays: [],
};
