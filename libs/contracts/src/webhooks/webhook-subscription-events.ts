import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Events of the webhook subscription stream (`webhook-<uuid>`), schema version 1 unless
 * `WEBHOOKS_EVENT_SCHEMA_VERSIONS` says otherwise. Facts in the past tense; times are ISO-8601 UTC strings; who did
 * it is in the envelope's `actor`. Internal to the webhooks context (INTERNAL_EVENT_TYPES): the platform's own
 * configuration. The signing secret is never in an event (the log is relayed to Kafka and kept forever): the
 * webhooks context keeps it in a table of its own.
 */

/** Every published event type (`*`), or the listed ones. */
export const ALL_EVENT_TYPES = '*';

export interface WebhookSubscriptionCreatedV1 {
  webhookSubscriptionId: string;
  /** The receiver's absolute http(s) URL. */
  url: string;
  /** Event types delivered (`IncidentOpened`…), or `['*']` for every published type. */
  eventTypes: string[];
  description: string | null;
  createdAt: string;
}

export interface WebhookSubscriptionDisabledV1 {
  webhookSubscriptionId: string;
  reason: string | null;
  disabledAt: string;
}

export interface WebhookSubscriptionEnabledV1 {
  webhookSubscriptionId: string;
  enabledAt: string;
}

export interface WebhookSubscriptionDeletedV1 {
  webhookSubscriptionId: string;
  deletedAt: string;
}

export type WebhookSubscriptionCreated = DomainEvent<'WebhookSubscriptionCreated', WebhookSubscriptionCreatedV1>;
export type WebhookSubscriptionDisabled = DomainEvent<'WebhookSubscriptionDisabled', WebhookSubscriptionDisabledV1>;
export type WebhookSubscriptionEnabled = DomainEvent<'WebhookSubscriptionEnabled', WebhookSubscriptionEnabledV1>;
export type WebhookSubscriptionDeleted = DomainEvent<'WebhookSubscriptionDeleted', WebhookSubscriptionDeletedV1>;

export type WebhookSubscriptionEvent = WebhookSubscriptionCreated | WebhookSubscriptionDisabled | WebhookSubscriptionEnabled | WebhookSubscriptionDeleted;

export type WebhookSubscriptionEventType = WebhookSubscriptionEvent['type'];

export const WEBHOOK_SUBSCRIPTION_EVENT_TYPES: readonly WebhookSubscriptionEventType[] = [
  'WebhookSubscriptionCreated',
  'WebhookSubscriptionDisabled',
  'WebhookSubscriptionEnabled',
  'WebhookSubscriptionDeleted',
];
