import { webhookSubscriptionIdOf, WEBHOOKS_EVENT_TYPES, type WebhookSubscriptionCreated } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';

export const WEBHOOK_SUBSCRIPTION_LIST_PROJECTION = 'webhook_subscription_list';

export type WebhookSubscriptionListTables = TableNames<'webhook_subscription_list'>;

// One row per webhook subscription stream: the same rows from the log (global order) or from Kafka (per-stream order).
const createTables = (t: WebhookSubscriptionListTables): string => `
  CREATE TABLE ${t.webhook_subscription_list} (
    webhook_subscription_id uuid PRIMARY KEY,
    url text NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.webhook_subscription_list} (created_at DESC, webhook_subscription_id DESC);
`;

const created = (tx: SqlSession, t: WebhookSubscriptionListTables, event: RecordedEvent, data: WebhookSubscriptionCreated['data']) =>
  // A replayed event (at-least-once delivery) finds its row already there.
  tx.query(
    `INSERT INTO ${t.webhook_subscription_list} (webhook_subscription_id, url, status, created_at, revision)
     VALUES ($1, $2, 'created', $3, $4) ON CONFLICT (webhook_subscription_id) DO NOTHING`,
    [webhookSubscriptionIdOf(event.streamId), data.url, data.createdAt, event.streamRevision],
  );

/** The webhook subscription rows the webhooks lists and views read. */
export const webhookSubscriptionListProjection = defineProjection<'webhook_subscription_list'>({
  name: WEBHOOK_SUBSCRIPTION_LIST_PROJECTION,
  eventTypes: WEBHOOKS_EVENT_TYPES,
  tables: ['webhook_subscription_list'],
  createTables,
  apply: async (tx, event, t) => {
    switch (event.type) {
      case 'WebhookSubscriptionCreated':
        await created(tx, t, event, event.data as WebhookSubscriptionCreated['data']);
        return;
    }
  },
});
