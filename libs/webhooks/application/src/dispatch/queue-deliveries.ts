import { newId, type RecordedEvent } from '@itsm/event-sourcing';
import type { SqlSession } from '@itsm/event-store';
import { toCloudEventJson } from '@itsm/messaging';
import type { WebhooksTables } from '../storage/webhooks-tables';

/** A delivery's id, also its `webhook-id` header: time-ordered (uuid v7), so the delivery log pages by it. */
export const newDeliveryId = (): string => `msg_${newId()}`;

/** Why a delivery exists: the event was written (once per subscription and event), or an operator replayed the log. */
export type DeliveryOrigin = 'live' | 'replay';

/**
 * Queues one pending delivery of `event` per subscription, its body the event as a structured CloudEvent; a live
 * delivery that exists already is left alone. Returns how many were queued.
 */
export const queueDeliveries = async (db: SqlSession, tables: WebhooksTables, origin: DeliveryOrigin, event: RecordedEvent, subscriptionIds: readonly string[]): Promise<number> => {
  if (subscriptionIds.length === 0) return 0;
  const body = JSON.stringify(toCloudEventJson(event));
  const params: unknown[] = [event.eventId, event.type, event.globalPosition, origin, body];
  const rows = subscriptionIds.map((subscriptionId) => {
    params.push(newDeliveryId(), subscriptionId);
    return `($${params.length - 1}, $${params.length}, $1, $2, $3, $4, $5, 'pending', now(), now())`;
  });
  const queued = await db.query(
    `INSERT INTO ${tables.deliveries} (delivery_id, subscription_id, event_id, event_type, global_position, origin, body, status, next_attempt_at, created_at)
     VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING RETURNING delivery_id`,
    params,
  );
  return queued.length;
};
