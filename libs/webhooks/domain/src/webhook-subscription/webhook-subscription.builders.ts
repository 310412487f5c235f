import type { CreateWebhookSubscription, DisableWebhookSubscription, EnableWebhookSubscription, DeleteWebhookSubscription } from './commands';
import type { WebhookSubscriptionCreated, WebhookSubscriptionDeleted, WebhookSubscriptionDisabled, WebhookSubscriptionEnabled } from './events';

/** Facts the specs share; each builder takes only what a test changes. */
export const webhookSubscriptionId = '0190f3a4-1111-7222-8333-944445555666';
export const now = new Date('2026-03-02T09:30:00.000Z');
export const receiverUrl = 'https://hooks.example.com/itsm';
const metadata = { now, actor: { id: 'admin-1', role: 'admin' } };

export const create = (data: Partial<CreateWebhookSubscription['data']> = {}): CreateWebhookSubscription => ({
  type: 'CreateWebhookSubscription',
  data: { webhookSubscriptionId, url: receiverUrl, eventTypes: ['IncidentOpened'], ...data },
  metadata,
});
export const disable = (reason: string | null = null): DisableWebhookSubscription => ({ type: 'DisableWebhookSubscription', data: { reason }, metadata });
export const enable = (): EnableWebhookSubscription => ({ type: 'EnableWebhookSubscription', data: {}, metadata });
export const remove = (): DeleteWebhookSubscription => ({ type: 'DeleteWebhookSubscription', data: {}, metadata });

export const created = (data: Partial<WebhookSubscriptionCreated['data']> = {}): WebhookSubscriptionCreated => ({
  type: 'WebhookSubscriptionCreated',
  data: { webhookSubscriptionId, url: receiverUrl, eventTypes: ['IncidentOpened'], description: null, createdAt: now.toISOString(), ...data },
});
export const disabled = (reason: string | null = null): WebhookSubscriptionDisabled => ({
  type: 'WebhookSubscriptionDisabled',
  data: { webhookSubscriptionId, reason, disabledAt: now.toISOString() },
});
export const enabled = (): WebhookSubscriptionEnabled => ({ type: 'WebhookSubscriptionEnabled', data: { webhookSubscriptionId, enabledAt: now.toISOString() } });
export const deleted = (): WebhookSubscriptionDeleted => ({ type: 'WebhookSubscriptionDeleted', data: { webhookSubscriptionId, deletedAt: now.toISOString() } });
