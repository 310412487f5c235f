import fc from 'fast-check';
import { plainJsonValues } from '@itsm/event-sourcing/arbitraries';
import { canonicalize } from 'json-canonicalize';
import { createHash } from 'node:crypto';
import { canonicalJson, sha256OfLines } from './canonical-json';

/** The object with its keys inserted in the reverse order (the same value to JSON). */
const reordered = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, entry]) => [key, reordered(entry)]));
};

describe('canonicalJson: the text a statement’s content hash is taken over', () => {
  it('writes sorted keys (UTF-16 code units), no whitespace, leaves out undefined', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], a: { d: undefined, c: '€' }, B: false, é: 2 })).toBe('{"B":false,"a":{"c":"€"},"b":[1,"x",null,true],"é":2}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('for any value it holds: the text of RFC 8785 (json-canonicalize), also with index-like and "__proto__" keys', () => {
    fc.assert(fc.property(plainJsonValues, (value) => expect(canonicalJson(value)).toBe(canonicalize(value))), { numRuns: 300 });
    const awkward = JSON.parse('{"b":1,"10":2,"9":3,"__proto__":{"z":1,"a":2},"a":[{"y":1,"x":2}]}');
    expect(canonicalJson(awkward)).toBe(canonicalize(awkward));
    expect(canonicalJson({ at: new Date(0), b: 1 })).toBe('{"at":{},"b":1}');
  });

  it('refuses what has no one canonical text', () => {
    expect(() => canonicalJson(1.5)).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1, undefined] })).toThrow(TypeError);
    expect(() => canonicalJson({ a: { b: 0.5 } })).toThrow(TypeError);
  });

  it('for any value: parses back to it, and the same value with its keys in another order gives the same text', () => {
    fc.assert(
      fc.property(plainJsonValues, (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(value);
        expect(canonicalJson(reordered(value))).toBe(text);
      }),
    );
  });

  it('sha256OfLines is the sha256 of the lines joined by newlines, however many and however long', () => {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(sha256OfLines([])).toBe(sha(''));
    const many = Array.from({ length: 20_000 }, (_, index) => `${index}|2026-03-01|6100|cost-pool|€ ${'x'.repeat(index % 17)}`);
    expect(sha256OfLines(many)).toBe(sha(many.join('\n')));
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 40_000 }), { maxLength: 6 }), (lines) => expect(sha256OfLines(lines)).toBe(sha(lines.join('\n')))));
  });
});
