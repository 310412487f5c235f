import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes canonical JSON exactly as json-canonicalize does, for plain JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(canonicalJson(value)).toBe(canonicalize(value))), { numRuns: 500 });
  });

  it('gives the library\'s text, or throws where it throws, for anything else (dates, sparse arrays, undefined members)', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        let expected: string | Error;
        try {
          expected = canonicalize(value);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) expect(() => canonicalJson(value)).toThrow();
        else expect(canonicalJson(value)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves an object with a toJSON member that is not a function to the library, as the library does', () => {
    const value = { b: 1, toJSON: 'x', a: 2 };
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });
});
