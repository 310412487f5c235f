import type { SqlExecutor } from '@itsm/event-store';
import type { WebhooksTables } from '../storage/webhooks-tables';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead-lettered'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryAttempt {
  attempt: number;
  attemptedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/** One delivery as the delivery log shows it. */
export interface DeliveryView {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  position: number;
  origin: 'live' | 'replay';
  status: DeliveryStatus;
  /** Attempts since it was queued or last redelivered by hand. */
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

interface DeliveryRow {
  delivery_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  global_position: string | number;
  origin: 'live' | 'replay';
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

const viewOf = (row: DeliveryRow): DeliveryView => ({
  id: row.delivery_id,
  subscriptionId: row.subscription_id,
  eventId: row.event_id,
  eventType: row.event_type,
  position: Number(row.global_position),
  origin: row.origin,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createdAt: iso(row.created_at) as string,
  deliveredAt: iso(row.delivered_at),
});

/** A list cursor that does not come from this list (400 at the API). */
export class InvalidDeliveryCursor extends Error {
  override readonly name = 'InvalidDeliveryCursor';
}

const encodeCursor = (deliveryId: string): string => Buffer.from(deliveryId, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => {
  const deliveryId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^msg_[0-9a-f-]{36}$/.test(deliveryId)) throw new InvalidDeliveryCursor('cursor is not a cursor of this list');
  return deliveryId;
};

/** The delivery log: deliveries per subscription, newest first, their attempts, and redelivery by hand. */
export class WebhookDeliveries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: WebhooksTables,
  ) {}

  async list(subscriptionId: string, query: { status?: DeliveryStatus; limit?: number; cursor?: string }): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const params: unknown[] = [subscriptionId, limit + 1];
    let where = 'subscription_id = $1';
    if (query.status) where += ` AND status = $${params.push(query.status)}`;
    if (query.cursor) where += ` AND delivery_id < $${params.push(decodeCursor(query.cursor))}`;
    const rows = await this.db.query<DeliveryRow>(`SELECT * FROM ${this.tables.deliveries} WHERE ${where} ORDER BY delivery_id DESC LIMIT $2`, params);
    const items = rows.slice(0, limit).map(viewOf);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  /** One delivery of the subscription with every attempt (oldest first), or null. */
  async get(subscriptionId: string, deliveryId: string): Promise<(DeliveryView & { attemptLog: DeliveryAttempt[] }) | null> {
    const [row] = await this.db.query<DeliveryRow>(`SELECT * FROM ${this.tables.deliveries} WHERE subscription_id = $1 AND delivery_id = $2`, [subscriptionId, deliveryId]);
    if (!row) return null;
    const attempts = await this.db.query<{ attempt: number; attempted_at: Date | string; duration_ms: number; status_code: number | null; error: string | null }>(
      `SELECT * FROM ${this.tables.attempts} WHERE delivery_id = $1 ORDER BY attempted_at, attempt`,
      [deliveryId],
    );
    return {
      ...viewOf(row),
      attemptLog: attempts.map((attempt) => ({
        attempt: attempt.attempt,
        attemptedAt: iso(attempt.attempted_at) as string,
        durationMs: attempt.duration_ms,
        statusCode: attempt.status_code,
        error: attempt.error,
      })),
    };
  }

  /** Makes the delivery due now with a fresh round of attempts (same webhook-id); null when the subscription has no such delivery. */
  async redeliver(subscriptionId: string, deliveryId: string): Promise<DeliveryView | null> {
    const [row] = await this.db.query<DeliveryRow>(
      `UPDATE ${this.tables.deliveries} SET status = 'pending', attempts = 0, next_attempt_at = now(), lease_until = NULL
        WHERE subscription_id = $1 AND delivery_id = $2 RETURNING *`,
      [subscriptionId, deliveryId],
    );
    return row ? viewOf(row) : null;
  }

  async storeSecret(subscriptionId: string, secret: string): Promise<void> {
    await this.db.query(`INSERT INTO ${this.tables.secrets} (subscription_id, secret) VALUES ($1, $2)`, [subscriptionId, secret]);
  }
}
