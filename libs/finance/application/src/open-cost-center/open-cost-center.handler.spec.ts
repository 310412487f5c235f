import { costCenterStreamId } from '@itsm/contracts';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore, type InMemoryEventStore } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import { OpenCostCenterHandler } from './open-cost-center.handler';

const now = new Date('2026-03-02T09:30:00.000Z');
const metadata: EventMetadata = { actor: { id: 'agent-7', role: 'agent' }, correlationId: 'spec-correlation' };

describe('OpenCostCenterHandler (in-memory event store, the hosts’ write pipeline)', () => {
  let store: InMemoryEventStore;
  let handler: OpenCostCenterHandler;

  beforeEach(() => {
    store = createInMemoryEventStore();
    handler = new OpenCostCenterHandler(writePipelineOn(store), { now: () => now });
  });

  it('appends CostCenterOpened to a new cost-center stream, stamped with its schema version and the caller', async () => {
    const result = await handler.execute({ code: 'CC1', name: 'A name', currency: 'EUR' }, metadata);

    expect(result.revision).toBe(0);
    expect(result.costCenter).toEqual({ status: 'opened', costCenterId: result.id, code: 'CC1', name: 'A name', currency: 'EUR', parentId: null, openedAt: now.toISOString() });
    const stored = await store.readStream(costCenterStreamId(result.id));
    expect(stored.map(({ type, schemaVersion, data, actor, occurredAt }) => ({ type, schemaVersion, data, actor, occurredAt }))).toEqual([
      { type: 'CostCenterOpened', schemaVersion: 1, data: { costCenterId: result.id, code: 'CC1', name: 'A name', currency: 'EUR', parentId: null, openedAt: now.toISOString() }, actor: metadata.actor, occurredAt: now.toISOString() },
    ]);
  });

  it('gives every cost center its own stream', async () => {
    const [first, second] = [await handler.execute({ code: 'ONE', name: 'One', currency: 'EUR' }, metadata), await handler.execute({ code: 'TWO', name: 'Two', currency: 'USD' }, metadata)];
    expect(first.id).not.toBe(second.id);
    expect(second.revision).toBe(0);
  });

  it('appends nothing when the decider refuses', async () => {
    await expect(handler.execute({ code: 'CC1', name: ' ', currency: 'EUR' }, metadata)).rejects.toThrow(RuleViolation);
    expect((await store.readAll()).events).toEqual([]);
  });
});
