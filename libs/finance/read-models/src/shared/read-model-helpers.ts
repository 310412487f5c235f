import { cursorKeyOf, decodeCursor, encodeCursor, type CursorKey } from '@itsm/projections';

export const iso = (value: Date | string): string => new Date(value).toISOString();

/** A day column (PostgreSQL `date`, read as text or a Date) as YYYY-MM-DD. */
export const dayText = (value: Date | string): string => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

/** A short text cursor field (a code, a name, a day, a currency). */
export const isCursorText = (value: unknown): value is string => typeof value === 'string' && value.length <= 400;

export { cursorKeyOf, decodeCursor, encodeCursor, type CursorKey };

/** A decimal as PostgreSQL `numeric` prints it, without trailing fraction zeros ("27.50" → "27.5", "3.000" → "3"). */
export const decimalText = (value: string | number): string => {
  const text = String(value);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
};

/** The months (YYYY-MM) of a period: a month, or a quarter (YYYY-Qn); null for anything else. */
export const monthsOfPeriod = (period: string): string[] | null => {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return [period];
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!quarter) return null;
  const first = Number(quarter[2]) * 3 - 2;
  return [first, first + 1, first + 2].map((m) => `${quarter[1]}-${String(m).padStart(2, '0')}`);
};
