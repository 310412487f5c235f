import { WEBHOOK_SUBSCRIPTION_EVENT_TYPES, type WebhookSubscriptionEventType } from './webhook-subscription-events';

export type WebhooksEventType = WebhookSubscriptionEventType;

/** Every event type the webhooks context publishes (topic `itsm.webhooks.events.v1`). */
export const WEBHOOKS_EVENT_TYPES: readonly WebhooksEventType[] = [...WEBHOOK_SUBSCRIPTION_EVENT_TYPES];

/** The schema version each webhooks event is written in today; readers upcast older ones to it. */
export const WEBHOOKS_EVENT_SCHEMA_VERSIONS: Readonly<Record<WebhooksEventType, number>> = Object.freeze(
  Object.fromEntries(WEBHOOKS_EVENT_TYPES.map((type) => [type, 1])) as Record<WebhooksEventType, number>,
);
