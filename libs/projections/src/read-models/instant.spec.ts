import { encodeCursor, decodeCursor, cursorKeyOf, InvalidCursor, isCursorTimestamp } from './cursor';
import { isInstant, parseInstant } from './instant';

describe('instants from clients', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-03-04T09:15:30.123Z', '2026-03-04T09:15:30.123Z'],
    ['2026-03-04T09:15:30.123456Z', '2026-03-04T09:15:30.123Z'],
    ['2026-03-04T10:15:30+01:00', '2026-03-04T09:15:30.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('takes the RFC 3339 date-time %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a signed six-digit year', '+2026-01-01T00:00:00Z'],
    ['year 10000', '+010000-01-01T00:00:00.000Z'],
    ['a year before 1', '-000001-01-01T00:00:00.000Z'],
    ['year 0', '0000-01-01T00:00:00.000Z'],
    ['year 1 that is year 0 in UTC', '0001-01-01T00:00:00+01:00'],
    ['year 9999 that is year 10000 in UTC', '9999-12-31T23:30:00-01:00'],
    ['a week date', '2026-W01-1'],
    ['a week', '2026-W01'],
    ['an ordinal date', '2026-001'],
    ['a date alone', '2026-01-01'],
    ['no zone', '2026-01-01T00:00:00'],
    ['no seconds', '2026-01-01T00:00Z'],
    ['February 30', '2026-02-30T00:00:00Z'],
    ['February 29 of a common year', '2026-02-29T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['a word', 'yesterday'],
    ['a number', 1_767_225_600_000],
  ])('refuses %s', (_case, text) => {
    expect(parseInstant(text)).toBeUndefined();
    expect(isInstant(text)).toBe(false);
  });
});

describe('timestamps in cursors', () => {
  const isKey = cursorKeyOf<{ at: string }>({ at: isCursorTimestamp });

  it('round-trips a timestamp as toISOString writes it', () => {
    expect(decodeCursor(encodeCursor({ at: '2026-03-04T09:00:00.000Z' }), isKey)).toEqual({ at: '2026-03-04T09:00:00.000Z' });
  });

  it.each(['0000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z'])(
    'refuses %s, a year SQL cannot store',
    (at) => {
      expect(new Date(at).toISOString()).toBe(at);
      expect(() => decodeCursor(encodeCursor({ at }), isKey)).toThrow(InvalidCursor);
    },
  );
});
