/** What the api reads from @itsm/webhooks-read-models (the host passes `createWebhooksReadModels`). */
export const WEBHOOKS_READ_MODELS = Symbol('WEBHOOKS_READ_MODELS');

/** The name of the list's cursor error (InvalidWebhookListCursor), answered as 400. */
export const WEBHOOKS_LIST_CURSOR_ERROR = 'InvalidWebhookListCursor';

export interface WebhookSubscriptionListItemView {
  id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  createdAt: string;
  revision: number;
}

export interface WebhooksReadModelsPort {
  webhookSubscriptionList: {
    list(query: { status?: 'enabled' | 'disabled'; limit?: number; cursor?: string }): Promise<{ items: WebhookSubscriptionListItemView[]; nextCursor: string | null }>;
  };
  waitFor(position: number): Promise<void>;
}

export type WebhooksReadModelsFactory = (dependencies: { db: import('@itsm/event-store').SqlExecutor }) => WebhooksReadModelsPort;
