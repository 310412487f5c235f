import type { RecordedEvent } from '@itsm/event-sourcing';
import { createPgliteExecutor, openPglite, type SqlExecutor } from '@itsm/event-store';
import { liveTablesOf } from '@itsm/projections';
import { webhookSubscriptionListProjection } from './webhook-subscription-list.projection';
import { WebhookSubscriptionListQueries } from './webhook-subscription-list.queries';

const id = '0190f3a4-1111-7222-8333-944445555666';
const created: RecordedEvent = {
  eventId: '0190f3a4-2222-7222-8333-944445555666',
  type: 'WebhookSubscriptionCreated',
  schemaVersion: 1,
  data: { webhookSubscriptionId: id, url: 'https://hooks.example.com/', eventTypes: ['IncidentOpened'], description: null, createdAt: '2026-03-02T09:30:00.000Z' },
  streamId: `webhook-${id}`,
  streamRevision: 0,
  globalPosition: 7,
  occurredAt: '2026-03-02T09:30:00.000Z',
  recordedAt: '2026-03-02T09:30:00.100Z',
  actor: { id: 'agent-7' },
  correlationId: 'spec',
  causationId: null,
  traceparent: null,
  hash: 'spec',
};

describe('webhook_subscription_list projection (PGlite)', () => {
  let db: SqlExecutor;
  const tables = liveTablesOf(webhookSubscriptionListProjection, 'read_models');

  beforeAll(async () => {
    db = createPgliteExecutor(await openPglite(), { ownsDatabase: true });
    await db.exec(`CREATE SCHEMA read_models; ${webhookSubscriptionListProjection.createTables(tables)}`);
  });
  afterAll(() => db.close());

  const apply = (event: RecordedEvent) => db.transaction((tx) => webhookSubscriptionListProjection.apply(tx, event, tables));

  it('shows a webhook subscription once created, as one row at the revision of its event, even when the event comes again', async () => {
    await apply(created);
    await apply(created);

    const queries = new WebhookSubscriptionListQueries(db, tables);
    expect(await queries.get(id)).toEqual({
      id,
      url: 'https://hooks.example.com/',
      eventTypes: ['IncidentOpened'],
      description: null,
      status: 'enabled',
      createdAt: '2026-03-02T09:30:00.000Z',
      revision: 0,
    });
    expect(await queries.list({})).toEqual({ items: [await queries.get(id)], nextCursor: null });
    expect(await db.query(`SELECT count(*)::int AS rows FROM ${tables.webhook_subscription_list}`)).toEqual([{ rows: 1 }]);
  });

  it('shows it disabled, then leaves it out once deleted', async () => {
    await apply({ ...created, eventId: '0190f3a4-3333-7222-8333-944445555666', type: 'WebhookSubscriptionDisabled', streamRevision: 1, data: { webhookSubscriptionId: id, reason: null, disabledAt: created.occurredAt } });
    const queries = new WebhookSubscriptionListQueries(db, tables);
    expect(await queries.get(id)).toMatchObject({ status: 'disabled', revision: 1 });
    await apply({ ...created, eventId: '0190f3a4-4444-7222-8333-944445555666', type: 'WebhookSubscriptionDeleted', streamRevision: 2, data: { webhookSubscriptionId: id, deletedAt: created.occurredAt } });
    expect(await queries.list({})).toEqual({ items: [], nextCursor: null });
  });

  it('knows nothing of a webhook subscription it has not seen', async () => {
    expect(await new WebhookSubscriptionListQueries(db, tables).get('0190f3a4-9999-7222-8333-944445555666')).toBeNull();
  });
});
