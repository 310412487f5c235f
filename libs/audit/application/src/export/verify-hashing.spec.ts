import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalEvent, chainHashOf, EXAMPLE_EVENT, hashingTestVectors, prefixedLeafOf, type HashingTestVectors } from '@itsm/audit-domain';
import { recordedEventArbitrary } from '@itsm/audit-domain/arbitraries';
import type { RecordedEvent } from '@itsm/event-sourcing';

/**
 * verify-hashing.cjs: the published hashing in plain JavaScript, shipped in every audit export (verify.mjs imports
 * it). Loaded here as the plain module it is.
 */
const shipped = require('./verify-hashing.cjs') as {
  canonicalPieces(event: RecordedEvent): { data: string; metadata: string; hashed: string };
  chainHashOf(previousHash: string, pieces: { hashed: string }): string;
  prefixedLeafOf(event: RecordedEvent, pieces: { data: string; metadata: string; hashed: string }): Buffer;
  checkTestVectors(vectors: HashingTestVectors): string[];
};

/** The JSON block of §5 of docs/audit-hashing.md, as published. */
const publishedVectors = (): HashingTestVectors => {
  const page = readFileSync(join(__dirname, '../../../../../docs/audit-hashing.md'), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(page.slice(page.indexOf('## 5. Test vectors')));
  if (!block) throw new Error('no JSON block in §5 of docs/audit-hashing.md');
  return JSON.parse(block[1]);
};

const text = fc.string({ unit: 'binary', maxLength: 30 });
/** A JSON text's value read back: what a database read or an export line gives (no `undefined` members, no -0). */
const asRead = <T>(value: T): T => JSON.parse(JSON.stringify(value));
/** Events as a database read or an export line gives them: JSON values, ISO times, null for absent ids. */
const storedEvent: fc.Arbitrary<RecordedEvent> = recordedEventArbitrary(text).map((event) => ({ ...event, actor: asRead(event.actor), data: asRead(event.data) }));

describe('verify-hashing.cjs, the hashing the export ships and the verify workers run', () => {
  it('reproduces every test vector the TypeScript domain computes', () => {
    expect(shipped.checkTestVectors(hashingTestVectors())).toEqual([]);
  });

  it('reproduces every test vector docs/audit-hashing.md publishes', () => {
    expect(shipped.checkTestVectors(publishedVectors())).toEqual([]);
  });

  it('names a vector it does not reproduce', () => {
    const vectors = hashingTestVectors();
    vectors.events[1].leafHash = vectors.events[0].leafHash;
    expect(shipped.checkTestVectors(vectors)).toEqual([expect.stringContaining('leaf hash of event #1')]);
  });

  it('writes the same canonical pieces, chain hash and leaf bytes as the domain for any stored event', () => {
    fc.assert(
      fc.property(storedEvent, fc.stringMatching(/^[0-9a-f]{64}$/), (event, previousHash) => {
        const ours = canonicalEvent(event);
        expect(shipped.canonicalPieces(event)).toEqual(ours);
        expect(shipped.chainHashOf(previousHash, ours)).toBe(chainHashOf(previousHash, ours));
        expect(shipped.prefixedLeafOf(event, ours).equals(prefixedLeafOf(event, ours))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('writes objects with array-index keys and a "__proto__" member as the domain does', () => {
    const event = { ...EXAMPLE_EVENT, data: JSON.parse('{"__proto__":{"z":1,"a":2},"b":{"10":1,"9":[{"2":0,"x":-0}]},"a":[1e21,0.1]}') as Record<string, unknown> };
    const ours = canonicalEvent(event);
    expect(shipped.canonicalPieces(event)).toEqual(ours);
    expect(ours.data).toBe('{"__proto__":{"a":2,"z":1},"a":[1e+21,0.1],"b":{"10":1,"9":[{"2":0,"x":0}]}}');
  });

  it('requires nothing but node: built-ins (an auditor runs it without this repository)', () => {
    const source = readFileSync(join(__dirname, 'verify-hashing.cjs'), 'utf8');
    const required = [...source.matchAll(/require\('([^']+)'\)/g)].map((match) => match[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(required.every((name) => name.startsWith('node:'))).toBe(true);
    const verifier = readFileSync(join(__dirname, 'standalone-verifier.mjs'), 'utf8');
    const imported = [...verifier.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
    expect(imported.filter((name) => !name.startsWith('node:'))).toEqual(['./verify-hashing.cjs']);
  });
});
