import { WEEKDAYS, type SupportCalendar } from '@itsm/contracts';
import type { IANAZone } from 'luxon';
import {
  ianaZone,
  instantOfWallTime,
  isoDateOf,
  localDayOf,
  MINUTE_MS,
  weekdayIndexOf,
  type LocalDay,
} from './zoned-time';

/** A support period of one weekday in minutes after local midnight; `to` may be 1440 (`24:00`). */
interface DailyPeriod {
  from: number;
  to: number;
}

/** A business interval as instants (ms since epoch), start inclusive, end exclusive. */
type Interval = readonly [start: number, end: number];

/** Holidays are finite and every week has hours, so a search never needs more than this many days. */
const MAX_SEARCH_DAYS = 366 * 100;
const DAY_CACHE_LIMIT = 4096;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

const minuteOfDay = (time: string, allowEndOfDay: boolean): number => {
  if (allowEndOfDay && time === '24:00') return 1440;
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new RangeError(`"${time}" is not a time of day (HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/** Periods per weekday (0 = Monday), sorted, overlaps merged. */
const periodsByWeekday = (calendar: SupportCalendar): DailyPeriod[][] => {
  const byDay: DailyPeriod[][] = WEEKDAYS.map(() => []);
  for (const hours of calendar.weeklyHours) {
    const dayIndex = WEEKDAYS.indexOf(hours.day);
    if (dayIndex < 0) throw new RangeError(`"${hours.day}" is not a weekday`);
    const period = { from: minuteOfDay(hours.from, false), to: minuteOfDay(hours.to, true) };
    if (period.from >= period.to) throw new RangeError(`${hours.day} ${hours.from}–${hours.to} ends before it starts`);
    byDay[dayIndex].push(period);
  }
  return byDay.map((periods) =>
    periods
      .sort((a, b) => a.from - b.from)
      .reduce<DailyPeriod[]>((merged, period) => {
        const last = merged[merged.length - 1];
        if (last && period.from <= last.to) last.to = Math.max(last.to, period.to);
        else merged.push({ ...period });
        return merged;
      }, []),
  );
};

/**
 * Support hours of a catalog calendar as arithmetic on instants: the business time between two instants and the
 * instant a number of business minutes after a start. Exact to the millisecond; deterministic (no clock, no I/O).
 *
 * Periods are wall-clock times of the calendar's zone, so a 09:00–17:00 day is 8 h on every date. A period measures
 * the real time between its two ends: across a daylight-saving switch a 00:00–24:00 day is 23 h or 25 h; a skipped
 * hour counts nothing, a repeated hour counts twice (see `instantOfWallTime`). Holidays are local dates without hours.
 */
export class BusinessCalendar {
  readonly definition: SupportCalendar;
  private readonly zone: IANAZone;
  private readonly periods: DailyPeriod[][];
  private readonly holidays: ReadonlySet<string>;
  // Pure memo: a day's intervals depend only on the definition.
  private readonly dayCache = new Map<LocalDay, readonly Interval[]>();

  constructor(definition: SupportCalendar) {
    this.definition = definition;
    this.zone = ianaZone(definition.timeZone);
    this.periods = periodsByWeekday(definition);
    this.holidays = new Set(definition.holidays);
    if (this.periods.every((periods) => periods.length === 0)) {
      throw new RangeError(`Calendar "${definition.name}" has no support hours`);
    }
  }

  /** The due instant: the earliest instant by which `minutes` business minutes have passed since `start`. */
  addBusinessMinutes(start: Date, minutes: number): Date {
    return new Date(this.addBusinessMs(start.getTime(), Math.round(minutes * MINUTE_MS)));
  }

  /** Business minutes (fractional: milliseconds / 60,000) from `from` to `to`; 0 when `to` is not after `from`. */
  businessMinutesBetween(from: Date, to: Date): number {
    return this.businessMsBetween(from.getTime(), to.getTime()) / MINUTE_MS;
  }

  /** `addBusinessMinutes` in milliseconds; 0 ms gives `start` itself, even outside support hours. */
  addBusinessMs(start: number, durationMs: number): number {
    if (durationMs < 0) throw new RangeError('A business duration cannot be negative');
    if (durationMs === 0) return start;
    let remaining = durationMs;
    // From the day before: a period ending at 24:00 may end after a start whose local date is the next day (DST).
    const firstDay = localDayOf(this.zone, start) - 1;
    for (let day = firstDay; day < firstDay + MAX_SEARCH_DAYS; day += 1) {
      for (const [periodStart, periodEnd] of this.intervalsOn(day)) {
        if (periodEnd <= start) continue;
        const from = Math.max(periodStart, start);
        if (remaining <= periodEnd - from) return from + remaining;
        remaining -= periodEnd - from;
      }
    }
    throw new RangeError(`Calendar "${this.definition.name}" has no support hours within ${MAX_SEARCH_DAYS} days`);
  }

  /** `businessMinutesBetween` in milliseconds. */
  businessMsBetween(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    const lastDay = localDayOf(this.zone, to);
    for (let day = localDayOf(this.zone, from) - 1; day <= lastDay; day += 1) {
      for (const [periodStart, periodEnd] of this.intervalsOn(day)) {
        total += Math.max(0, Math.min(periodEnd, to) - Math.max(periodStart, from));
      }
    }
    return total;
  }

  /** The support intervals of one local day as instants; none on a holiday. */
  private intervalsOn(day: LocalDay): readonly Interval[] {
    const cached = this.dayCache.get(day);
    if (cached) return cached;
    const intervals = this.holidays.has(isoDateOf(day))
      ? []
      : this.periods[weekdayIndexOf(day)]
          .map((period): Interval => [
            instantOfWallTime(this.zone, day, period.from),
            instantOfWallTime(this.zone, day, period.to),
          ])
          .filter(([start, end]) => end > start);
    if (this.dayCache.size >= DAY_CACHE_LIMIT) this.dayCache.clear();
    this.dayCache.set(day, intervals);
    return intervals;
  }
}

/** The business calendar of a catalog calendar definition. */
export const businessCalendar = (definition: SupportCalendar): BusinessCalendar => new BusinessCalendar(definition);
