import { webhookSubscriptionIdOf, WEBHOOKS_EVENT_TYPES, type WebhookSubscriptionEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { defineProjection, type TableNames } from '@itsm/projections';

export const WEBHOOK_SUBSCRIPTION_LIST_PROJECTION = 'webhook_subscription_list';

export type WebhookSubscriptionListTables = TableNames<'webhook_subscription_list'>;

// One row per subscription stream; a deleted one leaves the list. Rows move only forward in revision, so an event
// read again (at least once) changes nothing.
const createTables = (t: WebhookSubscriptionListTables): string => `
  CREATE TABLE ${t.webhook_subscription_list} (
    webhook_subscription_id uuid PRIMARY KEY,
    url text NOT NULL,
    event_types text[] NOT NULL,
    description text,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    revision integer NOT NULL
  );
  CREATE INDEX ON ${t.webhook_subscription_list} (created_at DESC, webhook_subscription_id DESC);
`;

const setStatus = (tx: SqlSession, t: WebhookSubscriptionListTables, event: RecordedEvent, status: string) =>
  tx.query(`UPDATE ${t.webhook_subscription_list} SET status = $2, revision = $3 WHERE webhook_subscription_id = $1 AND revision < $3`, [
    webhookSubscriptionIdOf(event.streamId),
    status,
    event.streamRevision,
  ]);

/** The subscription rows the list reads (GET /api/v1/webhooks). */
export const webhookSubscriptionListProjection = defineProjection<'webhook_subscription_list'>({
  name: WEBHOOK_SUBSCRIPTION_LIST_PROJECTION,
  eventTypes: WEBHOOKS_EVENT_TYPES,
  tables: ['webhook_subscription_list'],
  createTables,
  apply: async (tx, recorded, t) => {
    const event = recorded as RecordedEvent & WebhookSubscriptionEvent;
    switch (event.type) {
      case 'WebhookSubscriptionCreated':
        await tx.query(
          `INSERT INTO ${t.webhook_subscription_list} (webhook_subscription_id, url, event_types, description, status, created_at, revision)
           VALUES ($1, $2, $3, $4, 'enabled', $5, $6) ON CONFLICT (webhook_subscription_id) DO NOTHING`,
          [webhookSubscriptionIdOf(event.streamId), event.data.url, event.data.eventTypes, event.data.description, event.data.createdAt, event.streamRevision],
        );
        return;
      case 'WebhookSubscriptionDisabled':
        await setStatus(tx, t, event, 'disabled');
        return;
      case 'WebhookSubscriptionEnabled':
        await setStatus(tx, t, event, 'enabled');
        return;
      case 'WebhookSubscriptionDeleted':
        await tx.query(`DELETE FROM ${t.webhook_subscription_list} WHERE webhook_subscription_id = $1`, [webhookSubscriptionIdOf(event.streamId)]);
        return;
    }
  },
});
