// The webhook subscription stream's events are the contract (libs/contracts); the domain speaks them directly.
export type {
  WebhookSubscriptionEvent,
  WebhookSubscriptionCreated,
  WebhookSubscriptionDisabled,
  WebhookSubscriptionEnabled,
  WebhookSubscriptionDeleted,
} from '@itsm/contracts';
