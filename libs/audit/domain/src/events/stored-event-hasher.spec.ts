import fc from 'fast-check';
import { GENESIS_HASH, type RecordedEvent } from '@itsm/event-sourcing';
import { EXAMPLE_EVENT } from '../vectors/hashing-test-vectors';
import { canonicalJson } from './canonical-json';
import { canonicalEvent, chainHashOf, eventLeafHash, prefixedLeafOf } from './event-hashing';
import { StoredEventHasher, type StoredEventTexts } from './stored-event-hasher';
import { recordedEventArbitrary } from './recorded-event.arbitrary';

/** The event as its row stores it: data as its canonical text, the actor's canonical JSON. */
const storedTexts = (event: RecordedEvent): StoredEventTexts => ({
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  eventId: event.eventId,
  type: event.type,
  hash: event.hash,
  data: canonicalJson(event.data),
  actor: canonicalJson(event.actor),
  causationId: event.causationId ?? null,
  correlationId: event.correlationId,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  schemaVersion: event.schemaVersion,
  traceparent: event.traceparent ?? null,
});

// Any UTF-16 unit (quotes, backslashes, control characters, lone surrogates), some long enough to grow the buffer.
const text = fc.oneof({ arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 20 }, { arbitrary: fc.string({ unit: 'binary', minLength: 3000, maxLength: 6000 }), weight: 1 });
const recordedEvent: fc.Arbitrary<RecordedEvent> = recordedEventArbitrary(text, fc.oneof(fc.uuid(), text));

describe('stored event hasher', () => {
  it('gives the documented example its chain hash and leaf hash', () => {
    const hasher = new StoredEventHasher().load(storedTexts(EXAMPLE_EVENT));

    expect(hasher.chainHash(GENESIS_HASH)).toBe('bb60ed50f4a821460c7d4c1a73a6af9c3bd1db6383e96ae17e92d156ff68c8c8');
    expect(hasher.leafHash().toString('hex')).toBe('96b5255b690430d8a53313621263ad2a071f8cf9b37e987c8545adc9ac21b24f');
  });

  it('writes the very bytes of chainHashOf and prefixedLeafOf over canonicalEvent, for any event, one hasher reused', () => {
    const hasher = new StoredEventHasher();
    fc.assert(
      fc.property(recordedEvent, fc.stringMatching(/^[0-9a-f]{64}$/), (event, previous) => {
        const canonical = canonicalEvent(event);
        hasher.load(storedTexts(event));

        expect(hasher.prefixedLeaf().toString('hex')).toBe(prefixedLeafOf(event, canonical).toString('hex'));
        expect(hasher.leafHash().equals(eventLeafHash(event, canonical))).toBe(true);
        expect(hasher.chainHash(previous)).toBe(chainHashOf(previous, canonical));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses to answer before an event is loaded', () => {
    expect(() => new StoredEventHasher().leafHash()).toThrow('no event loaded');
  });
});
