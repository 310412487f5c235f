import { InvalidLastEventId, parseLastEventId } from './last-event-id';

describe('parseLastEventId', () => {
  it('reads the header or the query, or nothing', () => {
    expect(parseLastEventId('42', undefined)).toBe(42);
    expect(parseLastEventId(undefined, '7')).toBe(7);
    expect(parseLastEventId('0', '0')).toBe(0);
    expect(parseLastEventId(undefined, undefined)).toBeUndefined();
  });

  it.each([
    ['abc', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    [undefined, '1e3'],
    ['3', '4'],
  ])('refuses header %p with query %p', (header, query) => {
    expect(() => parseLastEventId(header, query)).toThrow(InvalidLastEventId);
  });
});
