import { GENESIS_HASH, verifyChain, type NewEvent } from '@itsm/event-sourcing';
import type { JSONEventData, JSONRecordedEvent } from '@eventstore/db-client';
import { sealEvents } from '../seal-events';
import { EsdbEnvelopeError, fromEsdbRecordedEvent, isSystemEvent, toEsdbEventData, toEsdbMetadata } from './esdb-envelope';

const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  type: 'IncidentOpened',
  data: { shortDescription: 'Mail is down', impact: 1, tags: ['mail'] },
  occurredAt: new Date('2026-03-01T08:00:00.000Z'),
  metadata: { actor: { id: 'agent-7', role: 'agent', via: 'web' }, correlationId: 'corr-1', causationId: 'cause-1', traceparent: '00-abc-def-01' },
  ...overrides,
});

const sealed = () =>
  sealEvents('incident-1', [newEvent(), newEvent({ type: 'IncidentAssigned', data: { group: 'mail' } })], -1, GENESIS_HASH, new Date('2026-03-01T08:00:01.000Z'));

/** What EventStoreDB hands back for an event we wrote: our id, type and JSON, its own revision and position. */
const asStored = (data: JSONEventData, revision: number, position: bigint): JSONRecordedEvent =>
  ({
    streamId: 'incident-1',
    id: data.id,
    isJson: true,
    revision: BigInt(revision),
    type: data.type,
    created: new Date(),
    // EventStoreDB stores and returns JSON text: round-trip it as the server would.
    data: JSON.parse(JSON.stringify(data.data)),
    metadata: JSON.parse(JSON.stringify(data.metadata)),
    position: { commit: position, prepare: position },
  }) as JSONRecordedEvent;

describe('EventStoreDB envelope mapping', () => {
  it('writes our event id, type and data natively and the rest of the envelope as metadata', () => {
    const [first] = sealed();
    const data = toEsdbEventData(first);
    expect(data).toMatchObject({ id: first.eventId, type: 'IncidentOpened', contentType: 'application/json', data: first.data });
    expect(data.metadata).toEqual({
      schemaVersion: 1,
      occurredAt: '2026-03-01T08:00:00.000Z',
      recordedAt: '2026-03-01T08:00:01.000Z',
      actor: { id: 'agent-7', role: 'agent', via: 'web' },
      correlationId: 'corr-1',
      causationId: 'cause-1',
      traceparent: '00-abc-def-01',
      hash: first.hash,
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
  });

  it('leaves out $causationId when the event has no cause', () => {
    const [first] = sealEvents('incident-1', [newEvent({ metadata: { actor: { id: 'a' }, correlationId: 'c' } })], -1, GENESIS_HASH, new Date());
    const metadata = toEsdbMetadata(first);
    expect(metadata).not.toHaveProperty('$causationId');
    expect(metadata).toMatchObject({ causationId: null, traceparent: null });
  });

  it('reads back the exact sealed envelope, with the $all position as global position, so the chain verifies', () => {
    const events = sealed();
    const read = events.map((event, index) => fromEsdbRecordedEvent(asStored(toEsdbEventData(event), index, 4096n + BigInt(index) * 200n)));
    expect(read).toEqual(events.map((event, index) => ({ ...event, globalPosition: 4096 + index * 200 })));
    expect(verifyChain('incident-1', read).ok).toBe(true);
  });

  it('lets verifyChain find an event whose data was changed behind the store', () => {
    const events = sealed().map((event) => toEsdbEventData(event));
    const forged = { ...events[1], data: { group: 'someone-else' } };
    const read = [asStored(events[0], 0, 100n), asStored(forged, 1, 300n)].map(fromEsdbRecordedEvent);
    expect(verifyChain('incident-1', read).firstBreak).toMatchObject({ streamRevision: 1, reason: 'hash-mismatch' });
  });

  it('refuses an event that does not carry our envelope', () => {
    const stored = asStored(toEsdbEventData(sealed()[0]), 0, 1n);
    expect(() => fromEsdbRecordedEvent({ ...stored, metadata: { correlationId: 'x' } } as JSONRecordedEvent)).toThrow(EsdbEnvelopeError);
    expect(() => fromEsdbRecordedEvent({ ...stored, metadata: undefined } as JSONRecordedEvent)).toThrow(/metadata is not a JSON object/);
  });

  it('refuses an event read without a log position instead of inventing one', () => {
    const stored = asStored(toEsdbEventData(sealed()[0]), 0, 1n);
    expect(() => fromEsdbRecordedEvent({ ...stored, position: undefined } as JSONRecordedEvent)).toThrow(/without a log position/);
  });

  it('treats $-prefixed types and streams as system events', () => {
    expect(isSystemEvent({ type: '$metadata', streamId: '$$incident-1' })).toBe(true);
    expect(isSystemEvent({ type: '$>', streamId: '$ce-incident' })).toBe(true);
    expect(isSystemEvent({ type: 'IncidentOpened', streamId: 'incident-1' })).toBe(false);
  });
});
