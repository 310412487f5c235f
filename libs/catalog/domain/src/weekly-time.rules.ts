import { WEEKDAYS, type Weekday } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';

/*
 * Weekly local times, shared by support-hours calendars and maintenance windows: an IANA zone, weekdays and
 * `HH:MM` times of day, each refused with a RuleViolation that says what is wrong.
 */

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A valid IANA zone, spelled as the time-zone database spells it (`europe/berlin` → `Europe/Berlin`). */
export const canonicalTimeZone = (timeZone: string): string => {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat(undefined, { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new RuleViolation(`"${timeZone}" is not an IANA time zone`);
  }
  // Keep the caller's zone when Intl maps it to another one (e.g. `EST` → `America/Panama`): only fix the case.
  return resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone;
};

/** Minutes after midnight of `HH:MM` (00:00–23:59); `24:00` is allowed as an end (`to`), the end of the day. */
export const minutesOfDay = (time: string, field: 'from' | 'to'): number => {
  if (field === 'to' && time === '24:00') return 24 * 60;
  if (typeof time !== 'string' || !TIME_OF_DAY.test(time)) throw new RuleViolation(`"${time}" is not a time of day (HH:MM, 00:00–23:59)`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
};

/** 0 = Monday … 6 = Sunday (the order of WEEKDAYS). */
export const weekdayIndex = (day: Weekday): number => {
  const index = WEEKDAYS.indexOf(day);
  if (index < 0) throw new RuleViolation(`"${day}" is not a weekday (${WEEKDAYS.join(', ')})`);
  return index;
};
