import { webhookSubscriptionStreamId } from '@itsm/contracts';
import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { createInMemoryEventStore, type InMemoryEventStore } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import { CreateWebhookSubscriptionHandler } from './create-webhook-subscription.handler';

const now = new Date('2026-03-02T09:30:00.000Z');
const metadata: EventMetadata = { actor: { id: 'agent-7', role: 'agent' }, correlationId: 'spec-correlation' };

describe('CreateWebhookSubscriptionHandler (in-memory event store, the hosts’ write pipeline)', () => {
  let store: InMemoryEventStore;
  let handler: CreateWebhookSubscriptionHandler;

  beforeEach(() => {
    store = createInMemoryEventStore();
    handler = new CreateWebhookSubscriptionHandler(writePipelineOn(store), { now: () => now });
  });

  it('appends WebhookSubscriptionCreated to a new webhook stream, stamped with its schema version and the caller', async () => {
    const result = await handler.execute({ url: 'A url' }, metadata);

    expect(result.revision).toBe(0);
    expect(result.webhookSubscription).toEqual({ status: 'created', webhookSubscriptionId: result.id, url: 'A url', createdAt: now.toISOString() });
    const stored = await store.readStream(webhookSubscriptionStreamId(result.id));
    expect(stored.map(({ type, schemaVersion, data, actor, occurredAt }) => ({ type, schemaVersion, data, actor, occurredAt }))).toEqual([
      { type: 'WebhookSubscriptionCreated', schemaVersion: 1, data: { webhookSubscriptionId: result.id, url: 'A url', createdAt: now.toISOString() }, actor: metadata.actor, occurredAt: now.toISOString() },
    ]);
  });

  it('gives every webhook subscription its own stream', async () => {
    const [first, second] = [await handler.execute({ url: 'One' }, metadata), await handler.execute({ url: 'Two' }, metadata)];
    expect(first.id).not.toBe(second.id);
    expect(second.revision).toBe(0);
  });

  it('appends nothing when the decider refuses', async () => {
    await expect(handler.execute({ url: ' ' }, metadata)).rejects.toThrow(RuleViolation);
    expect((await store.readAll()).events).toEqual([]);
  });
});
