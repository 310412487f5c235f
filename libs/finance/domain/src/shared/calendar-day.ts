import { RuleViolation } from '@itsm/event-sourcing';

/*
 * Calendar days as `YYYY-MM-DD` strings: finance works in days (effective dates, posting days, rate days), in UTC.
 * Day strings of this shape sort and compare as text in calendar order.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export const isCalendarDay = (text: unknown): text is string => {
  if (typeof text !== 'string') return false;
  const match = DAY.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/** The day, or a RuleViolation naming `what` ("2026-02-30" is no day). */
export const requireCalendarDay = (text: string, what: string): string => {
  if (!isCalendarDay(text)) throw new RuleViolation(`${what} "${String(text).slice(0, 40)}" is not a day (YYYY-MM-DD)`);
  return text;
};

/** The UTC day of an instant: 2026-03-02T23:30:00Z → "2026-03-02". */
export const dayOf = (instant: Date): string => instant.toISOString().slice(0, 10);

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Midnight UTC at the start of the day. */
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** Whole days from `from` to `to` ("2026-03-01" to "2026-03-02" is 1). */
export const daysBetween = (from: string, to: string): number => Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);

/** The day `days` after `day` (negative: before). */
export const addDays = (day: string, days: number): string => dayOf(new Date(startOfDay(day).getTime() + days * DAY_MS));
