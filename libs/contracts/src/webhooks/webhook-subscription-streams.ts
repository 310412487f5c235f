import { parseStreamName, streamName } from '@itsm/event-sourcing';

/** Stream type of the webhook subscription (routed to `webhooks` by STREAM_TYPE_CONTEXTS). */
export const WEBHOOK_SUBSCRIPTION_STREAM_TYPE = 'webhook';

/** `webhook-<uuid>`: one stream per webhook subscription. */
export const webhookSubscriptionStreamId = (webhookSubscriptionId: string): string => streamName(WEBHOOK_SUBSCRIPTION_STREAM_TYPE, webhookSubscriptionId);

/** The webhook subscription id (uuid) of its stream id. */
export const webhookSubscriptionIdOf = (streamId: string): string => parseStreamName(streamId).entityId;

/** Prefix filter for reading the webhook subscription streams from the log (`readAll({ filter })`). */
export const WEBHOOK_SUBSCRIPTION_STREAM_PREFIX = `${WEBHOOK_SUBSCRIPTION_STREAM_TYPE}-`;
