import { assertNever } from '@itsm/event-sourcing';
import type { WebhookSubscriptionEvent } from './events';

export interface InitialWebhookSubscription {
  status: 'initial';
}

export interface ExistingWebhookSubscription {
  /** Enabled subscriptions receive deliveries; disabled ones keep their pending deliveries until enabled again. */
  status: 'enabled' | 'disabled' | 'deleted';
  webhookSubscriptionId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  createdAt: string;
  disabledReason: string | null;
}

export type WebhookSubscription = InitialWebhookSubscription | ExistingWebhookSubscription;

export const initialState = (): WebhookSubscription => ({ status: 'initial' });

const existing = (state: WebhookSubscription): ExistingWebhookSubscription => {
  if (state.status === 'initial') throw new Error('A webhook subscription event before its creation');
  return state;
};

export const evolve = (state: WebhookSubscription, event: WebhookSubscriptionEvent): WebhookSubscription => {
  switch (event.type) {
    case 'WebhookSubscriptionCreated':
      return { status: 'enabled', ...event.data, eventTypes: [...event.data.eventTypes], disabledReason: null };
    case 'WebhookSubscriptionDisabled':
      return { ...existing(state), status: 'disabled', disabledReason: event.data.reason };
    case 'WebhookSubscriptionEnabled':
      return { ...existing(state), status: 'enabled', disabledReason: null };
    case 'WebhookSubscriptionDeleted':
      return { ...existing(state), status: 'deleted' };
    default:
      return assertNever(event);
  }
};
