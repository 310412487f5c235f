import { ALL_EVENT_TYPES, isPublishedEventType } from '@itsm/contracts';
import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import type { CreateWebhookSubscription, DisableWebhookSubscription, WebhookSubscriptionCommand } from './commands';
import type { WebhookSubscriptionEvent } from './events';
import { evolve, initialState, type ExistingWebhookSubscription, type WebhookSubscription } from './state';

export const URL_MAX_LENGTH = 2048;
export const DESCRIPTION_MAX_LENGTH = 200;
export const REASON_MAX_LENGTH = 200;

export const decide = (command: WebhookSubscriptionCommand, subscription: WebhookSubscription): WebhookSubscriptionEvent[] => {
  switch (command.type) {
    case 'CreateWebhookSubscription':
      return create(command, subscription);
    case 'DisableWebhookSubscription':
      return disable(command, existing(subscription));
    case 'EnableWebhookSubscription':
      return enable(command.metadata.now, existing(subscription));
    case 'DeleteWebhookSubscription':
      return remove(command.metadata.now, existing(subscription));
    default:
      return assertNever(command);
  }
};

export const webhookSubscriptionDecider: Decider<WebhookSubscriptionCommand, WebhookSubscription, WebhookSubscriptionEvent> = { decide, evolve, initialState };

const existing = (subscription: WebhookSubscription): ExistingWebhookSubscription => {
  // The application answers "not found" before a command reaches an absent subscription (AggregateStreams).
  if (subscription.status === 'initial') throw new IllegalTransition('The webhook subscription does not exist');
  if (subscription.status === 'deleted') throw new IllegalTransition(`Webhook subscription ${subscription.webhookSubscriptionId} is deleted`);
  return subscription;
};

const create = ({ data, metadata }: CreateWebhookSubscription, subscription: WebhookSubscription): WebhookSubscriptionEvent[] => {
  if (subscription.status !== 'initial') throw new IllegalTransition(`Webhook subscription ${subscription.webhookSubscriptionId} is already created`);
  const url = receiverUrl(data.url);
  const eventTypes = deliveredTypes(data.eventTypes);
  const description = data.description?.trim() || null;
  if (description !== null && description.length > DESCRIPTION_MAX_LENGTH) throw new RuleViolation(`The description must be at most ${DESCRIPTION_MAX_LENGTH} characters`);
  return [{ type: 'WebhookSubscriptionCreated', data: { webhookSubscriptionId: data.webhookSubscriptionId, url, eventTypes, description, createdAt: metadata.now.toISOString() } }];
};

/** An absolute http(s) URL without credentials or fragment: the secret is the receiver's proof, not a password in the URL. */
const receiverUrl = (text: string): string => {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new RuleViolation('The url must not be blank');
  if (trimmed.length > URL_MAX_LENGTH) throw new RuleViolation(`The url must be at most ${URL_MAX_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new RuleViolation('The url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RuleViolation('The url must be an absolute http or https URL');
  if (url.username !== '' || url.password !== '') throw new RuleViolation('The url must not carry credentials');
  if (url.hash !== '') throw new RuleViolation('The url must not have a fragment');
  return url.toString();
};

const deliveredTypes = (types: readonly string[]): string[] => {
  if (types.length === 0) throw new RuleViolation('Name at least one event type, or * for every published type');
  if (new Set(types).size !== types.length) throw new RuleViolation('Each event type must be named once');
  if (types.includes(ALL_EVENT_TYPES)) {
    if (types.length > 1) throw new RuleViolation('* stands for every published type: name no other type with it');
    return [ALL_EVENT_TYPES];
  }
  const unknown = types.filter((type) => !isPublishedEventType(type));
  if (unknown.length > 0) throw new RuleViolation(`Not published event types: ${unknown.join(', ')}`);
  return [...types];
};

const disable = ({ data, metadata }: DisableWebhookSubscription, subscription: ExistingWebhookSubscription): WebhookSubscriptionEvent[] => {
  if (subscription.status === 'disabled') return [];
  const reason = data.reason?.trim() || null;
  if (reason !== null && reason.length > REASON_MAX_LENGTH) throw new RuleViolation(`The reason must be at most ${REASON_MAX_LENGTH} characters`);
  return [{ type: 'WebhookSubscriptionDisabled', data: { webhookSubscriptionId: subscription.webhookSubscriptionId, reason, disabledAt: metadata.now.toISOString() } }];
};

const enable = (now: Date, subscription: ExistingWebhookSubscription): WebhookSubscriptionEvent[] =>
  subscription.status === 'enabled' ? [] : [{ type: 'WebhookSubscriptionEnabled', data: { webhookSubscriptionId: subscription.webhookSubscriptionId, enabledAt: now.toISOString() } }];

const remove = (now: Date, subscription: ExistingWebhookSubscription): WebhookSubscriptionEvent[] => [
  { type: 'WebhookSubscriptionDeleted', data: { webhookSubscriptionId: subscription.webhookSubscriptionId, deletedAt: now.toISOString() } },
];
