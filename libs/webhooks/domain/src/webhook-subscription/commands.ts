import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** `webhookSubscriptionId` is chosen by the application (a uuid) before the command is decided. */
export type CreateWebhookSubscription = Command<
  'CreateWebhookSubscription',
  { webhookSubscriptionId: string; url: string; eventTypes: readonly string[]; description?: string | null }
>;
export type DisableWebhookSubscription = Command<'DisableWebhookSubscription', { reason?: string | null }>;
export type EnableWebhookSubscription = Command<'EnableWebhookSubscription', Record<string, never>>;
export type DeleteWebhookSubscription = Command<'DeleteWebhookSubscription', Record<string, never>>;

export type WebhookSubscriptionCommand = CreateWebhookSubscription | DisableWebhookSubscription | EnableWebhookSubscription | DeleteWebhookSubscription;
