import fc from 'fast-check';
import { canonicalEvent, prefixedLeafOf } from '@itsm/audit-domain';
import type { RecordedEvent } from '@itsm/event-sourcing';

/** The worker's own hashing (plain JavaScript, no imports of ours), loaded as a module in this thread. */
const worker = require('./verify-chunk.worker.cjs') as {
  canonicalEvent(event: RecordedEvent): { data: string; metadata: string; hashed: string };
  prefixedLeafOf(event: RecordedEvent, canonical: { data: string; metadata: string; hashed: string }): Buffer;
};

const text = fc.string({ unit: 'binary', maxLength: 30 });
/** Events as a database read gives them: JSON values (round-tripped through JSON), ISO times, null for absent ids. */
const storedEvent: fc.Arbitrary<RecordedEvent> = fc.record({
  eventId: fc.uuid(),
  type: text,
  schemaVersion: fc.integer({ min: 1, max: 9 }),
  streamId: text,
  streamRevision: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  globalPosition: fc.maxSafeNat(),
  occurredAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  recordedAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  actor: fc.record({ id: text, role: fc.option(text, { nil: undefined }), via: fc.option(text, { nil: undefined }) }, { requiredKeys: ['id'] }).map((actor) => JSON.parse(JSON.stringify(actor))),
  correlationId: text,
  causationId: fc.option(text, { nil: null }),
  traceparent: fc.option(text, { nil: null }),
  data: fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value))),
  hash: fc.stringMatching(/^[0-9a-f]{64}$/),
});

describe('the parallel verification worker hashes as the domain does', () => {
  it('writes the same canonical pieces and the same leaf bytes for any stored event', () => {
    fc.assert(
      fc.property(storedEvent, (event) => {
        const ours = canonicalEvent(event);
        expect(worker.canonicalEvent(event)).toEqual(ours);
        expect(worker.prefixedLeafOf(event, ours).equals(prefixedLeafOf(event, ours))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
