import fc from 'fast-check';
import { plainJsonValues } from './arbitraries';
import { sortedKeysJson } from './sorted-keys-json';

/** Sorted keys written by hand, the reference. */
const byHand = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(byHand).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record).sort().map((key) => `${JSON.stringify(key)}:${byHand(record[key])}`).join(',')}}`;
};

describe('sortedKeysJson: JSON.stringify with sorted keys, for plain data only', () => {
  it('writes plain data with every object’s keys in UTF-16 code unit order, whatever the insertion order', () => {
    fc.assert(fc.property(plainJsonValues, (value) => {
      const text = sortedKeysJson(value);
      // An index-like key out of order is left to the caller's writer; everything else is written here.
      if (text !== undefined) expect(text).toBe(byHand(value));
    }), { numRuns: 500 });
    expect(sortedKeysJson({ b: [{ d: 1, c: 'é' }], a: null, B: true })).toBe('{"B":true,"a":null,"b":[{"c":"é","d":1}]}');
    expect(sortedKeysJson({ a: 1, skipped: undefined })).toBe('{"a":1}');
  });

  it('writes data whose keys are already in order as it is (no replacer), the same text', () => {
    const inOrder = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(inOrder);
      if (value === null || typeof value !== 'object') return value;
      const record = value as Record<string, unknown>;
      return Object.fromEntries(Object.keys(record).sort().map((key) => [key, inOrder(record[key])]));
    };
    fc.assert(fc.property(plainJsonValues, (value) => {
      const sorted = inOrder(value);
      const text = sortedKeysJson(sorted);
      if (text !== undefined) expect(text).toBe(byHand(value));
    }), { numRuns: 500 });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['b'] = cyclic;
    expect(() => sortedKeysJson(cyclic)).toThrow(TypeError);
    expect(sortedKeysJson({ a: [{ b: 1, c: undefined }], d: 'x' })).toBe('{"a":[{"b":1}],"d":"x"}');
    expect(sortedKeysJson({ 1: { b: 1, a: 2 }, 2: [{ d: 1, c: 2 }] })).toBe('{"1":{"a":2,"b":1},"2":[{"c":2,"d":1}]}');
  });

  it('leaves to the caller what it would not write as a hand-written canonical writer does', () => {
    const sparse = [1];
    sparse[2] = 2;
    const left = [
      undefined, 0.5, Number.NaN, { a: 1n }, [1, undefined], sparse, { at: new Date(0) }, { toJSON: 'x', a: 1 }, new Map([[1, 2]]), { f: () => 1 },
      JSON.parse('{"b":1,"10":2,"9":3}'), JSON.parse('{"b":1,"__proto__":2}'),
    ];
    expect(left.map(sortedKeysJson)).toEqual(left.map(() => undefined));
  });
});
