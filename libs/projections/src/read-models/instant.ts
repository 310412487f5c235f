/**
 * RFC 3339 date-time, as every route and cursor takes an instant: a full date, `T`, a time with seconds, an
 * optional fraction and a zone (`Z` or ±hh:mm). ISO 8601's other shapes (week dates, ordinal dates, a signed
 * six-digit year) are refused rather than guessed at.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Years every store holds as written (PostgreSQL has no year 0, and JavaScript writes others with a sign). */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

/**
 * The instant a text names, or undefined when it is not an RFC 3339 date-time of a real calendar day between the
 * years 0001 and 9999 (in UTC too): the one check of dates from clients, so no impossible date reaches SQL.
 */
export const parseInstant = (text: unknown): Date | undefined => {
  if (typeof text !== 'string') return undefined;
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendarDay = new Date(Date.UTC(2000, month - 1, day));
  calendarDay.setUTCFullYear(year);
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) return undefined;
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) return undefined;
  const utcYear = instant.getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR && utcYear >= FIRST_YEAR && utcYear <= LAST_YEAR ? instant : undefined;
};

export const isInstant = (text: unknown): text is string => parseInstant(text) !== undefined;
