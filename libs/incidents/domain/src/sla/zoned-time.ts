import { IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** A local calendar day as a day number (days since 1970-01-01 in the zone's wall-clock), so days step by +1. */
export type LocalDay = number;

/** The IANA zone, refused when the time-zone database does not know it. */
export const ianaZone = (timeZone: string): IANAZone => {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`"${timeZone}" is not an IANA time zone`);
  return zone;
};

const exactOffsetMs = (zone: IANAZone, instant: number): number => zone.offset(instant) * MINUTE_MS;

/** Offsets are looked up per quarter hour: the time-zone database never changes a zone's offset twice within one. */
const BUCKET_MS = 15 * MINUTE_MS;
const CACHED_BUCKETS_PER_ZONE = 200_000;
const MIXED_BUCKET = Symbol('offset changes inside this quarter hour');
const bucketsByZone = new Map<string, Map<number, number | typeof MIXED_BUCKET>>();

/**
 * The zone's UTC offset at `instant`. Asking the Intl API is slow (it formats a date), so a quarter hour whose two
 * ends have the same offset is remembered as having it throughout; one with a switch inside is always asked exactly.
 */
const offsetMs = (zone: IANAZone, instant: number): number => {
  let buckets = bucketsByZone.get(zone.name);
  if (!buckets) bucketsByZone.set(zone.name, (buckets = new Map()));
  const bucket = Math.floor(instant / BUCKET_MS);
  let known = buckets.get(bucket);
  if (known === undefined) {
    const atStart = exactOffsetMs(zone, bucket * BUCKET_MS);
    known = atStart === exactOffsetMs(zone, (bucket + 1) * BUCKET_MS - 1) ? atStart : MIXED_BUCKET;
    if (buckets.size >= CACHED_BUCKETS_PER_ZONE) buckets.clear();
    buckets.set(bucket, known);
  }
  return known === MIXED_BUCKET ? exactOffsetMs(zone, instant) : known;
};

/** The local day (in `zone`) on which `instant` falls. */
export const localDayOf = (zone: IANAZone, instant: number): LocalDay =>
  Math.floor((instant + offsetMs(zone, instant)) / DAY_MS);

/** `YYYY-MM-DD` of a local day, as holidays are written. */
export const isoDateOf = (day: LocalDay): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** 0 = Monday … 6 = Sunday, the order of WEEKDAYS in the catalog contract. */
export const weekdayIndexOf = (day: LocalDay): number => (new Date(day * DAY_MS).getUTCDay() + 6) % 7;

/**
 * The instant of a wall-clock time (`minuteOfDay` 0…1440 after local midnight of `day`; 1440 is the next midnight).
 * Daylight-saving rules, chosen so that a period always measures the real time between its ends:
 * - a repeated (ambiguous) wall time means its FIRST occurrence, so a period across the repeated hour includes it twice;
 * - a skipped (non-existent) wall time means the instant the clocks jump, so the skipped hour counts nothing.
 */
export const instantOfWallTime = (zone: IANAZone, day: LocalDay, minuteOfDay: number): number => {
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  // A zone changes its offset at most once around a day: the offsets a day before and after bracket the answer.
  const offsetBefore = offsetMs(zone, wall - DAY_MS);
  const offsetAfter = offsetMs(zone, wall + DAY_MS);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter(
    (instant) => offsetMs(zone, instant) === wall - instant,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return transitionInstant(zone, Math.min(wall - offsetBefore, wall - offsetAfter), Math.max(wall - offsetBefore, wall - offsetAfter));
};

/** The first instant of the later offset between `earlier` (old offset) and `later` (new offset): where the clocks jump. */
const transitionInstant = (zone: IANAZone, earlier: number, later: number): number => {
  const newOffset = offsetMs(zone, later);
  let low = earlier;
  let high = later;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetMs(zone, middle) === newOffset) high = middle;
    else low = middle;
  }
  return high;
};
