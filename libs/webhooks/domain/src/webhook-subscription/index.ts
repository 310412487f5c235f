export * from './commands';
export * from './events';
export type { WebhookSubscription, ExistingWebhookSubscription, InitialWebhookSubscription } from './state';
export { evolve as evolveWebhookSubscription, initialState as initialWebhookSubscription } from './state';
export { webhookSubscriptionDecider, URL_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, REASON_MAX_LENGTH } from './decide';
