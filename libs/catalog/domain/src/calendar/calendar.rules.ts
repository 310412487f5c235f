import type { SupportCalendar, WeeklyHours } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { canonicalTimeZone, minutesOfDay, weekdayIndex } from '../weekly-time.rules';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Weekly hours sorted by day and start; each period has from < to and no two periods of a day overlap. */
export const validWeeklyHours = (weeklyHours: readonly WeeklyHours[]): WeeklyHours[] => {
  if (weeklyHours.length === 0) throw new RuleViolation('A calendar needs at least one period of support hours');
  const periods = weeklyHours.map((period) => {
    const dayIndex = weekdayIndex(period.day);
    const from = minutesOfDay(period.from, 'from');
    const to = minutesOfDay(period.to, 'to');
    if (from >= to) throw new RuleViolation(`${period.day} ${period.from}–${period.to}: "from" must be before "to"`);
    return { period: { day: period.day, from: period.from, to: period.to }, dayIndex, from, to };
  });
  periods.sort((a, b) => a.dayIndex - b.dayIndex || a.from - b.from);
  periods.forEach((current, index) => {
    const previous = periods[index - 1];
    if (previous && previous.dayIndex === current.dayIndex && current.from < previous.to) {
      throw new RuleViolation(
        `${current.period.day}: ${previous.period.from}–${previous.period.to} overlaps ${current.period.from}–${current.period.to}`,
      );
    }
  });
  return periods.map(({ period }) => period);
};

const isCalendarDate = (date: string): boolean => {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
};

/** Holidays as real dates (`YYYY-MM-DD`), each once, sorted. */
export const validHolidays = (holidays: readonly string[]): string[] => {
  const seen = new Set<string>();
  for (const date of holidays) {
    if (!isCalendarDate(date)) throw new RuleViolation(`"${date}" is not a date (YYYY-MM-DD)`);
    if (seen.has(date)) throw new RuleViolation(`Holiday ${date} is listed twice`);
    seen.add(date);
  }
  return [...seen].sort();
};

/** The calendar as it will be stored: validated, with zone, hours and holidays in canonical form. */
export const validCalendar = (calendar: SupportCalendar): SupportCalendar => ({
  name: calendar.name,
  timeZone: canonicalTimeZone(calendar.timeZone),
  weeklyHours: validWeeklyHours(calendar.weeklyHours),
  holidays: validHolidays(calendar.holidays),
});
