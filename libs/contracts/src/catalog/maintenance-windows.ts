import { IANAZone } from 'luxon';
import { WEEKDAYS, type Weekday } from './calendar-events';

/**
 * A weekly window of the service's time zone in which changes may be implemented. `from` and `to` are local wall
 * times `HH:MM`; a `to` before `from` ends on the next day (`sat 22:00–06:00` is Saturday 22:00 to Sunday 06:00,
 * a Sunday window crossing midnight ends on Monday); `to` "24:00" ends at midnight. The catalog refuses equal ends
 * and windows that overlap anywhere in the week.
 */
export interface MaintenanceWindow {
  day: Weekday;
  from: string;
  to: string;
}

/** A service's maintenance windows: the whole set, in one IANA time zone. No windows = no maintenance window. */
export interface MaintenanceWindowSet {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Sorted by day, then start. */
  windows: MaintenanceWindow[];
}

const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const MINUTE_MS = 60_000;
const WEEK_MS = MINUTES_PER_WEEK * MINUTE_MS;
/** 1970-01-05, a Monday: week positions count from a Monday 00:00. */
const A_MONDAY_MS = 4 * MINUTES_PER_DAY * MINUTE_MS;
/**
 * How far apart the offset is sampled when looking for daylight-saving switches inside an interval. The time-zone
 * database never switches a zone's offset twice within six hours, so no switch hides between two samples.
 */
const OFFSET_SAMPLE_MS = 6 * 60 * MINUTE_MS;

const TIME_OF_DAY = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes after local midnight of `HH:MM` (`24:00` = 1440); a RangeError for anything else. */
export const minuteOfDay = (time: string): number => {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new RangeError(`"${time}" is not a time of day HH:MM`);
  return match[1] === undefined ? MINUTES_PER_DAY : Number(match[1]) * 60 + Number(match[2]);
};

/**
 * Where a window lies in the week, in minutes after Monday 00:00 of local wall time: `start` < `end`; `end` goes past
 * the week (10080) for a Sunday window that crosses midnight. The one definition of what a window covers, for the
 * catalog's overlap rule and for `isWithinMaintenanceWindows`.
 */
export const maintenanceWindowSpan = (window: MaintenanceWindow): { start: number; end: number } => {
  const dayIndex = WEEKDAYS.indexOf(window.day);
  if (dayIndex < 0) throw new RangeError(`"${window.day}" is not a weekday (${WEEKDAYS.join(', ')})`);
  const from = minuteOfDay(window.from);
  const to = minuteOfDay(window.to);
  const start = dayIndex * MINUTES_PER_DAY + from;
  return { start, end: start + (to > from ? to - from : to + MINUTES_PER_DAY - from) };
};

type Span = readonly [start: number, end: number];

/** The windows as sorted, merged spans of one week in ms, [0, WEEK_MS]; a span past the week's end wraps to its start. */
const weekCoverageOf = (windows: readonly MaintenanceWindow[]): Span[] => {
  const spans = windows.flatMap((window): Span[] => {
    const { start, end } = maintenanceWindowSpan(window);
    const [from, to] = [start * MINUTE_MS, end * MINUTE_MS];
    return to <= WEEK_MS ? [[from, to]] : [[from, WEEK_MS], [0, to - WEEK_MS]];
  });
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
};

const weekPositionOf = (wallMs: number): number => (((wallMs - A_MONDAY_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS;

/** Whether every wall time in [from, to) (local ms, as if UTC) falls in the weekly coverage. */
const coversWallTimes = (coverage: readonly Span[], from: number, to: number): boolean => {
  let cursor = from;
  while (cursor < to) {
    const position = weekPositionOf(cursor);
    const span = coverage.find(([start, end]) => start <= position && position < end);
    if (!span) return false;
    // Merged spans never touch, so the wall time at the span's end is outside unless the next week's first span
    // starts at 0: the next turn of the loop finds that one.
    cursor += span[1] - position;
  }
  return true;
};

const offsetMsAt = (zone: IANAZone, instant: number): number => zone.offset(instant) * MINUTE_MS;

/**
 * True when the whole interval [start, end) lies inside the union of the windows, in the set's time zone.
 *
 * An instant is inside when the wall clock of the zone shows, at that instant, a weekday and time inside a window.
 * So daylight-saving switches count as people see them: on the night the clocks go forward the skipped wall times
 * never occur (a window `sun 01:00–04:00` then lasts two real hours), and on the night they go back a repeated wall
 * time is inside both times it occurs, or neither. An empty interval (start = end) lies inside any set. A RangeError
 * for an interval that ends before it starts, an invalid date, an unknown zone or a malformed window.
 */
export const isWithinMaintenanceWindows = (windowSet: MaintenanceWindowSet, start: Date, end: Date): boolean => {
  const [from, to] = [start.getTime(), end.getTime()];
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('The interval needs valid dates');
  if (to < from) throw new RangeError(`The interval ends (${end.toISOString()}) before it starts (${start.toISOString()})`);
  const zone = IANAZone.create(windowSet.timeZone);
  if (!zone.isValid) throw new RangeError(`"${windowSet.timeZone}" is not an IANA time zone`);
  const coverage = weekCoverageOf(windowSet.windows);
  if (from === to) return true;
  if (coverage.length === 0) return false;

  // Split [from, to) where the zone's offset changes: within each piece, wall time runs with real time.
  let pieceStart = from;
  let offset = offsetMsAt(zone, from);
  let cursor = from;
  while (cursor < to) {
    const sample = Math.min(cursor + OFFSET_SAMPLE_MS, to);
    if (offsetMsAt(zone, sample) === offset) {
      cursor = sample;
      continue;
    }
    // The first instant with the new offset lies in (cursor, sample].
    let [lo, hi] = [cursor, sample];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMsAt(zone, mid) === offset) lo = mid;
      else hi = mid;
    }
    if (!coversWallTimes(coverage, pieceStart + offset, hi + offset)) return false;
    [pieceStart, cursor, offset] = [hi, hi, offsetMsAt(zone, hi)];
  }
  return pieceStart >= to || coversWallTimes(coverage, pieceStart + offset, to + offset);
};
