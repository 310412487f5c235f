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
  const month = MONTH.exec(id);
  const quarter = QUARTER.exec(id);
  if (month === null && quarter === null) throw new RuleViolation(`The period "${String(id).slice(0, 40)}" is not a month (2026-12) or a quarter (2026-Q4)`);
  const year = Number((month ?? quarter)![1]);
  const [firstMonth, lastMonth] = month !== null ? [Number(month[2]), Number(month[2])] : [Number(quarter![2]) * 3 - 2, Number(quarter![2]) * 3];
  const start = day(year, firstMonth, 1);
  const end = day(year, lastMonth, daysInMonth(year, lastMonth));
  return { id, start, end, days: daysBetween(start, end) + 1 };
};

export const isInPeriod = (period: Period, dayOfPosting: string): boolean => dayOfPosting >= period.start && dayOfPosting <= period.end;
