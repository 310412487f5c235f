import fc from 'fast-check';
import { computeEventHash, GENESIS_HASH, type RecordedEvent } from '@itsm/event-sourcing';
import { EXAMPLE_EVENT } from '../vectors/hashing-test-vectors';
import { canonicalEvent, chainHashOf, eventLeafHash, leafOf } from './event-hashing';
import { recordedEventArbitrary } from './recorded-event.arbitrary';

/** The example of docs/audit-hashing.md (src/vectors): its leaf bytes and hash are the vector a standalone verifier checks. */

const EXAMPLE_METADATA =
  '{"actor":{"id":"alice","role":"agent","via":"api"},"causationId":null,"correlationId":"c0ffee","eventId":"01934f6e-8a00-7000-8000-000000000001",' +
  '"occurredAt":"2026-11-02T08:00:00.000Z","recordedAt":"2026-11-02T08:00:00.012Z","schemaVersion":1,"traceparent":null}';
const EXAMPLE_DATA = '{"impact":1,"number":"INC0000001","shortDescription":"Mail down","tags":["mail","é"],"urgency":1}';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const recordedEvent: fc.Arbitrary<RecordedEvent> = recordedEventArbitrary(text);

describe('event hashing', () => {
  it('recomputes the kernel\'s chain hash (computeEventHash) for any event', () => {
    fc.assert(
      fc.property(recordedEvent, fc.stringMatching(/^[0-9a-f]{64}$/), (event, previous) => {
        expect(chainHashOf(previous, canonicalEvent(event))).toBe(computeEventHash(previous, event));
      }),
      { numRuns: 300 },
    );
  });

  it('lays the leaf out as docs/audit-hashing.md says, byte for byte', () => {
    const leaf = leafOf(EXAMPLE_EVENT);
    const field = (value: string) => {
      const bytes = Buffer.from(value, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      return Buffer.concat([length, bytes]);
    };
    const expected = Buffer.concat([
      Buffer.of(0x01),
      Buffer.from('000000000000002a', 'hex'),
      field(EXAMPLE_EVENT.streamId),
      Buffer.from('00000000', 'hex'),
      field('IncidentOpened'),
      field(EXAMPLE_DATA),
      field(EXAMPLE_METADATA),
      field(EXAMPLE_EVENT.hash),
    ]);
    expect(leaf.toString('hex')).toBe(expected.toString('hex'));
    expect(computeEventHash(GENESIS_HASH, EXAMPLE_EVENT)).toBe(EXAMPLE_EVENT.hash);
    expect(EXAMPLE_EVENT.hash).toBe('bb60ed50f4a821460c7d4c1a73a6af9c3bd1db6383e96ae17e92d156ff68c8c8');
    expect(eventLeafHash(EXAMPLE_EVENT).toString('hex')).toBe('96b5255b690430d8a53313621263ad2a071f8cf9b37e987c8545adc9ac21b24f');
  });

  it('changes the leaf when any stored field changes, the position included', () => {
    const leaf = eventLeafHash(EXAMPLE_EVENT);
    const variants: Partial<RecordedEvent>[] = [
      { globalPosition: 43 },
      { streamId: `${EXAMPLE_EVENT.streamId}x` },
      { streamRevision: 1 },
      { type: 'IncidentClosed' },
      { data: { ...(EXAMPLE_EVENT.data as object), impact: 2 } },
      { actor: { id: 'mallory' } },
      { correlationId: 'other' },
      { recordedAt: '2026-11-02T08:00:00.013Z' },
      { hash: 'f'.repeat(64) },
    ];
    for (const variant of variants) expect(eventLeafHash({ ...EXAMPLE_EVENT, ...variant }).equals(leaf)).toBe(false);
  });
});
