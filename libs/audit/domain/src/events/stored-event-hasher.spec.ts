import fc from 'fast-check';
import { GENESIS_HASH, type RecordedEvent } from '@itsm/event-sourcing';
import { EXAMPLE_EVENT } from '../vectors/hashing-test-vectors';
import { canonicalJson } from './canonical-json';
import { canonicalEvent, chainHashOf, eventLeafHash, prefixedLeafOf } from './event-hashing';
import { STORED_TEXT_FIELD_COUNT, StoredEventHasher, type StoredEventFields, type StoredEventTexts } from './stored-event-hasher';
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

// Any code point (quotes, backslashes, control characters, beyond the BMP), some long enough to grow the buffer.
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

  it('hashes an event handed over as bytes, each text anywhere in any buffer, as the same event given as strings', () => {
    const strings = new StoredEventHasher();
    const fromBytes = new StoredEventHasher();
    fc.assert(
      fc.property(recordedEvent, fc.array(fc.nat({ max: 40 }), { minLength: STORED_TEXT_FIELD_COUNT, maxLength: STORED_TEXT_FIELD_COUNT }), (event, gaps) => {
        const texts = storedTexts(event);
        const ordered = [texts.streamId, texts.type, texts.data, texts.actor, texts.causationId, texts.correlationId, texts.eventId, texts.occurredAt, texts.recordedAt, texts.traceparent, texts.hash];
        // Each text after a gap of other bytes, in one of two buffers (as a page of rows, and a cached actor).
        const fields: StoredEventFields = {
          globalPosition: event.globalPosition,
          streamRevision: event.streamRevision,
          schemaVersion: event.schemaVersion,
          sources: [],
          starts: new Int32Array(STORED_TEXT_FIELD_COUNT),
          ends: new Int32Array(STORED_TEXT_FIELD_COUNT),
        };
        ordered.forEach((text, field) => {
          const source = Buffer.concat([Buffer.alloc(gaps[field], 0x22), Buffer.from(text ?? ''), Buffer.from('\\')]);
          fields.sources.push(source);
          fields.starts[field] = text === null ? -1 : gaps[field];
          fields.ends[field] = gaps[field] + Buffer.byteLength(text ?? '');
        });
        strings.load(texts);
        fromBytes.loadFields(fields);

        expect(fromBytes.prefixedLeaf().equals(strings.prefixedLeaf())).toBe(true);
        expect(fromBytes.chainHash(GENESIS_HASH)).toBe(strings.chainHash(GENESIS_HASH));
        expect(fromBytes.leafHash().equals(eventLeafHash(event))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to answer before an event is loaded', () => {
    expect(() => new StoredEventHasher().leafHash()).toThrow('no event loaded');
  });
});
