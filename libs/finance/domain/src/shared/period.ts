import { RuleViolation } from '@itsm/event-sourcing';
import { daysBetween, daysInMonth } from './calendar-day';

/** A budget period: a month ("2026-12") or a quarter ("2026-Q4"), from its first to its last day (UTC). */
export interface Period {
  id: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD (inclusive). */
  end: string;
  days: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

const day = (year: number, month: number, dayOfMonth: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;

/** The period of "2026-12" or "2026-Q4"; anything else is a RuleViolation. */
export const parsePeriod = (id: string): Period => {
  const [year, firstMonth, lastMonth] = monthsOf(id);
  const start = day(year, firstMonth, 1);
  const end = day(year, lastMonth, daysInMonth(year, lastMonth));
  return { id, start, end, days: daysBetween(start, end) + 1 };
};

/** The year and the first and last month of the period. */
const monthsOf = (id: string): [number, number, number] => {
  const month = MONTH.exec(id);
  if (month !== null) return [Number(month[1]), Number(month[2]), Number(month[2])];
  const quarter = QUARTER.exec(id);
  if (quarter !== null) return [Number(quarter[1]), Number(quarter[2]) * 3 - 2, Number(quarter[2]) * 3];
  throw new RuleViolation(`The period "${String(id).slice(0, 40)}" is not a month (2026-12) or a quarter (2026-Q4)`);
};

export const isInPeriod = (period: Period, dayOfPosting: string): boolean => dayOfPosting >= period.start && dayOfPosting <= period.end;
