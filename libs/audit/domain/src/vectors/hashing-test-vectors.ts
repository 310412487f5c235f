import type { RecordedEvent } from '@itsm/event-sourcing';
import { signCheckpoint } from '../checkpoints/checkpoint';
import { noteSignerFromSeed } from '../checkpoints/note-keys';
import { canonicalJson } from '../events/canonical-json';
import { canonicalEvent, chainHashOf, eventLeafHash, leafOf } from '../events/event-hashing';
import { CompactRange } from '../merkle/compact-range';
import { leafHash, type Hash } from '../merkle/hashes';
import { consistencyProof, nodesFromLeaves, nodesOfRanges } from '../merkle/proofs';
import { consistencyRanges } from '../merkle/tree-math';

/**
 * The test vectors of docs/audit-hashing.md §5, computed by this library's code (never typed in by hand): a spec
 * compares them with the page's JSON block, `itsm export --audit` writes them into every export
 * (`test-vectors.json`), and the standalone verifier's `--self-test` checks its own hashing against them. So the
 * page, the code and the verifier an auditor runs cannot drift apart.
 */

const GENESIS = '0'.repeat(64);

/** The example event of docs/audit-hashing.md §2 (its chain hash is computed below). */
export const EXAMPLE_EVENT: RecordedEvent = {
  eventId: '01934f6e-8a00-7000-8000-000000000001',
  type: 'IncidentOpened',
  schemaVersion: 1,
  streamId: 'incident-01934f6e-8a00-7000-8000-0000000000aa',
  streamRevision: 0,
  globalPosition: 42,
  occurredAt: '2026-11-02T08:00:00.000Z',
  recordedAt: '2026-11-02T08:00:00.012Z',
  actor: { id: 'alice', role: 'agent', via: 'api' },
  correlationId: 'c0ffee',
  causationId: null,
  traceparent: null,
  data: { number: 'INC0000001', shortDescription: 'Mail down', impact: 1, urgency: 1, tags: ['mail', 'é'] },
  hash: '',
};
EXAMPLE_EVENT.hash = chainHashOf(GENESIS, canonicalEvent(EXAMPLE_EVENT));

/** The next event of the same stream: its chain starts from the example's hash. */
const SECOND_EVENT: RecordedEvent = {
  ...EXAMPLE_EVENT,
  eventId: '01934f6e-8a00-7000-8000-000000000002',
  type: 'IncidentWorkLogged',
  streamRevision: 1,
  globalPosition: 45,
  occurredAt: '2026-11-02T08:05:00.000Z',
  recordedAt: '2026-11-02T08:05:00.003Z',
  actor: { id: 'bob', role: 'agent' },
  correlationId: 'c0ffee-2',
  causationId: '01934f6e-8a00-7000-8000-000000000001',
  data: { minutesSpent: 15, entry: 'Restarted the "mail" relay\nand queue', ratio: 0.1, big: 1e21, small: 1e-7, nested: { z: null, a: [true, false] } },
  hash: '',
};
SECOND_EVENT.hash = chainHashOf(EXAMPLE_EVENT.hash, canonicalEvent(SECOND_EVENT));

/** RFC 8785 cases: key order by UTF-16 code units, numbers in ECMAScript form, escapes. */
const CANONICAL_JSON_CASES: unknown[] = [
  { b: 1, a: [3, 'x'], c: { e: null, d: true } },
  { '\u20ac': 'euro', '\r': 'cr', '1': 'one', '\ud83d\ude00': 'emoji', 'ö': 'o-umlaut' },
  [1e21, 1e-7, 0.1, -0, 100, 1.5e300, 4.5],
  'line\nbreak "quoted" \\ tab\t \u001f é',
];

/** The eight leaves of RFC 6962's reference tests. */
const RFC6962_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

/** The key of the signed example checkpoint: a fixed seed, for tests only. */
const EXAMPLE_KEY_SEED = Buffer.alloc(32, 7);
const EXAMPLE_ORIGIN = 'vectors.example/audit';

export interface HashingTestVectors {
  canonicalJson: { value: unknown; canonical: string }[];
  events: { line: Record<string, unknown>; previousHash: string; chainHash: string; leaf: string; leafHash: string }[];
  merkle: { leaves: string[]; leafHashes: string[]; roots: string[]; consistency: { first: number; second: number; proof: string[] }[] };
  checkpoint: { verifierKey: string; note: string; treeSize: number; rootHash: string };
}

/** An event as a line of the export's events.jsonl (the shape of `exportEvents`'s JSON Lines). */
export const exportLineOf = (event: RecordedEvent): Record<string, unknown> => ({
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.actor,
  correlationId: event.correlationId,
  causationId: event.causationId,
  traceparent: event.traceparent,
  hash: event.hash,
  data: event.data,
});

const hex = (hash: Hash) => hash.toString('hex');

export const hashingTestVectors = (): HashingTestVectors => {
  const leaves = RFC6962_LEAVES.map((leaf) => leafHash(Buffer.from(leaf, 'hex')));
  const range = CompactRange.empty();
  const roots = [hex(range.root())];
  for (const leaf of leaves) {
    range.append(leaf);
    roots.push(hex(range.root()));
  }
  const consistency = [
    { first: 3, second: 8 },
    { first: 4, second: 7 },
  ].map(({ first, second }) => ({
    first,
    second,
    proof: consistencyProof(first, second, nodesFromLeaves(leaves, nodesOfRanges(consistencyRanges(first, second)))).map(hex),
  }));
  const signer = noteSignerFromSeed(EXAMPLE_ORIGIN, EXAMPLE_KEY_SEED);
  const signed = signCheckpoint({ origin: EXAMPLE_ORIGIN, treeSize: 8, rootHash: Buffer.from(roots[8], 'hex'), time: '2026-11-02T08:10:00.000Z', lastPosition: 8 }, signer);
  return {
    canonicalJson: CANONICAL_JSON_CASES.map((value) => ({ value, canonical: canonicalJson(value) })),
    events: [
      { event: EXAMPLE_EVENT, previousHash: GENESIS },
      { event: SECOND_EVENT, previousHash: EXAMPLE_EVENT.hash },
    ].map(({ event, previousHash }) => ({
      line: exportLineOf(event),
      previousHash,
      chainHash: chainHashOf(previousHash, canonicalEvent(event)),
      leaf: leafOf(event).toString('hex'),
      leafHash: hex(eventLeafHash(event)),
    })),
    merkle: { leaves: RFC6962_LEAVES, leafHashes: leaves.map(hex), roots, consistency },
    checkpoint: { verifierKey: signer.verifier.text, note: signed.note, treeSize: 8, rootHash: roots[8] },
  };
};
