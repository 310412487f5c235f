import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { computeEventHash, computeEventHashWithData, GENESIS_HASH, verifyChain, type HashedFields } from './hash-chain';
import type { RecordedEvent } from './envelope';

const chainOf = (datas: unknown[]): RecordedEvent[] => {
  let previous = GENESIS_HASH;
  return datas.map((data, revision) => {
    const fields = {
      eventId: `0190a000-0000-7000-8000-00000000000${revision}`,
      type: 'ServiceRegistered',
      schemaVersion: 1,
      streamId: 'service-0190a000-0000-7000-8000-000000000000',
      streamRevision: revision,
      occurredAt: '2026-11-26T10:00:00.000Z',
      recordedAt: '2026-11-26T10:00:00.001Z',
      actor: { id: 'alice', role: 'admin' },
      correlationId: 'c-1',
      causationId: null,
      traceparent: null,
      data,
    };
    previous = computeEventHash(previous, fields);
    return { ...fields, globalPosition: revision + 10, hash: previous };
  });
};

describe('hash chain', () => {
  it('does not depend on the order of keys in the payload (canonical JSON)', () => {
    const [a] = chainOf([{ name: 'Email', tier: 'gold' }]);
    const [b] = chainOf([{ tier: 'gold', name: 'Email' }]);
    expect(a.hash).toBe(b.hash);
  });

  it('links each event to the one before it', () => {
    const [first] = chainOf([{ n: 1 }]);
    const second = chainOf([{ n: 1 }, { n: 2 }])[1];
    const secondAlone = chainOf([{ n: 2 }])[0];
    expect(second.hash).not.toBe(secondAlone.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an untouched stream', () => {
    const events = chainOf([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(verifyChain(events[0].streamId, events)).toMatchObject({ ok: true, eventsChecked: 3, firstBreak: null });
  });

  it('finds the first event whose data was altered', () => {
    const events = chainOf([{ n: 1 }, { n: 2 }, { n: 3 }]);
    events[1] = { ...events[1], data: { n: 20 } };
    const result = verifyChain(events[0].streamId, events);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ streamRevision: 1, reason: 'hash-mismatch' });
  });

  it('finds an event removed from the middle', () => {
    const events = chainOf([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const result = verifyChain(events[0].streamId, [events[0], events[2]]);
    expect(result.firstBreak).toMatchObject({ streamRevision: 2, reason: 'revision-gap' });
  });

  it('ignores the global position, which the store assigns after hashing', () => {
    const events = chainOf([{ n: 1 }]).map((event) => ({ ...event, globalPosition: 999 }));
    expect(verifyChain(events[0].streamId, events).ok).toBe(true);
  });

  it('gives the same hash when the data is given as its canonical text already written, for any event', () => {
    const text = fc.string({ unit: 'binary' });
    const optionalText = fc.option(text, { nil: null });
    const event: fc.Arbitrary<HashedFields> = fc.record({
      eventId: fc.uuid(),
      type: text,
      schemaVersion: fc.integer({ min: 1, max: 9 }),
      streamId: text,
      streamRevision: fc.nat(),
      occurredAt: text,
      recordedAt: text,
      actor: fc.record({ id: text, role: text, via: fc.constantFrom('api', 'portal') }, { requiredKeys: ['id'] }),
      correlationId: text,
      causationId: optionalText,
      traceparent: optionalText,
      data: fc.oneof(fc.jsonValue(), fc.constant(undefined)),
    }) as fc.Arbitrary<HashedFields>;
    fc.assert(
      fc.property(event, fc.stringMatching(/^[0-9a-f]{64}$/), (fields, previousHash) => {
        expect(computeEventHashWithData(previousHash, fields, canonicalJson(fields.data ?? null))).toBe(computeEventHash(previousHash, fields));
      }),
      { numRuns: 500 },
    );
  });
});
