import { cursorKeyOf, decodeCursor, encodeCursor, InvalidCursor, isCursorNumber, isCursorTimestamp, isCursorUuid } from './cursor';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageOf, pageSizeOf } from './page';

type SequenceKey = { n: number };
const isSequenceKey = cursorKeyOf<SequenceKey>({ n: isCursorNumber });
type OpenedKey = { openedAt: string; id: string };
const isOpenedKey = cursorKeyOf<OpenedKey>({ openedAt: isCursorTimestamp, id: isCursorUuid });
const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('keyset cursors', () => {
  it('round-trip the sort key of the last row as an opaque base64url value', () => {
    const cursor = encodeCursor({ n: 41 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, isSequenceKey)).toEqual({ n: 41 });
    const key = { openedAt: '2026-03-04T09:00:00.000Z', id: '0190f3a4-1111-7222-8333-944445555666' };
    expect(decodeCursor(encodeCursor(key), isOpenedKey)).toEqual(key);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['too long', 'a'.repeat(513)],
    ['not JSON', Buffer.from('2026-03-04|x').toString('base64url')],
    ['another shape', json({ p: 1 })],
    ['an extra field', json({ n: 1, m: 2 })],
    ['a negative number', json({ n: -1 })],
    ['a fraction', json({ n: 1.5 })],
    ['a number as text', json({ n: '1' })],
    ['an array', json([1])],
    ['null', json(null)],
  ])('refuses %s', (_case, cursor) => {
    expect(() => decodeCursor(cursor, isSequenceKey)).toThrow(InvalidCursor);
  });

  it('refuses timestamps and ids not written as the list writes them', () => {
    const id = '0190f3a4-1111-7222-8333-944445555666';
    for (const key of [
      { openedAt: '2026-03-04', id },
      { openedAt: '2026-03-04T09:00:00Z', id },
      { openedAt: 'yesterday', id },
      { openedAt: '2026-03-04T09:00:00.000Z', id: 'x' },
      { openedAt: '2026-03-04T09:00:00.000Z', id: id.toUpperCase() },
    ]) {
      expect(() => decodeCursor(json(key), isOpenedKey)).toThrow(InvalidCursor);
    }
  });
});

describe('pages', () => {
  const rows = [1, 2, 3];

  it('tells that another page exists from the extra row, with the cursor of the last row served', () => {
    expect(pageOf(rows, 2, (row) => `item ${row}`, (row) => `after ${row}`)).toEqual({ items: ['item 1', 'item 2'], nextCursor: 'after 2' });
  });

  it('has no next cursor on the last page, nor on an empty one', () => {
    expect(pageOf(rows, 3, String, String)).toEqual({ items: ['1', '2', '3'], nextCursor: null });
    expect(pageOf([], 3, String, String)).toEqual({ items: [], nextCursor: null });
  });

  it('fetches the default page size unless asked, and holds the size within 1 to the maximum', () => {
    expect([pageSizeOf(undefined), pageSizeOf(0), pageSizeOf(7), pageSizeOf(10_000)]).toEqual([DEFAULT_PAGE_SIZE, 1, 7, MAX_PAGE_SIZE]);
  });
});
