import { changeStreamId } from '@itsm/contracts';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore, type InMemoryEventStore } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import { RaiseChangeHandler } from './raise-change.handler';

const now = new Date('2026-03-02T09:30:00.000Z');
const metadata: EventMetadata = { actor: { id: 'agent-7', role: 'agent' }, correlationId: 'spec-correlation' };

describe('RaiseChangeHandler (in-memory event store, the hosts’ write pipeline)', () => {
  let store: InMemoryEventStore;
  let handler: RaiseChangeHandler;

  beforeEach(() => {
    store = createInMemoryEventStore();
    handler = new RaiseChangeHandler(writePipelineOn(store), { now: () => now });
  });

  it('appends ChangeRaised to a new change stream, stamped with its schema version and the caller', async () => {
    const result = await handler.execute({ shortDescription: 'A short description' }, metadata);

    expect(result.revision).toBe(0);
    expect(result.change).toEqual({ status: 'raised', changeId: result.id, shortDescription: 'A short description', raisedAt: now.toISOString() });
    const stored = await store.readStream(changeStreamId(result.id));
    expect(stored.map(({ type, schemaVersion, data, actor, occurredAt }) => ({ type, schemaVersion, data, actor, occurredAt }))).toEqual([
      { type: 'ChangeRaised', schemaVersion: 1, data: { changeId: result.id, shortDescription: 'A short description', raisedAt: now.toISOString() }, actor: metadata.actor, occurredAt: now.toISOString() },
    ]);
  });

  it('gives every change its own stream', async () => {
    const [first, second] = [await handler.execute({ shortDescription: 'One' }, metadata), await handler.execute({ shortDescription: 'Two' }, metadata)];
    expect(first.id).not.toBe(second.id);
    expect(second.revision).toBe(0);
  });

  it('appends nothing when the decider refuses', async () => {
    await expect(handler.execute({ shortDescription: ' ' }, metadata)).rejects.toThrow(RuleViolation);
    expect((await store.readAll()).events).toEqual([]);
  });
});
