import type { SqlExecutor } from '@itsm/event-store';
import type { WebhookSubscriptionListTables } from './webhook-subscription-list.projection';

/** A subscription as the list shows it; `revision` is the stream revision the row reflects. */
export interface WebhookSubscriptionRow {
  id: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  createdAt: string;
  revision: number;
}

interface ListRow {
  webhook_subscription_id: string;
  url: string;
  event_types: string[];
  description: string | null;
  status: 'enabled' | 'disabled';
  created_at: Date | string;
  revision: number;
}

/** A cursor this list did not hand out (400 at the API). */
export class InvalidWebhookListCursor extends Error {
  override readonly name = 'InvalidWebhookListCursor';
}

const encodeCursor = (row: WebhookSubscriptionRow): string => Buffer.from(JSON.stringify([row.createdAt, row.id]), 'utf8').toString('base64url');
const decodeCursor = (cursor: string): [string, string] => {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return [createdAt, id];
  } catch {
    // falls through to the refusal
  }
  throw new InvalidWebhookListCursor('cursor is not a cursor of this list');
};

export class WebhookSubscriptionListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: WebhookSubscriptionListTables,
  ) {}

  /** The subscription's row, or null when the projection has not seen it (yet) or it was deleted. */
  async get(id: string): Promise<WebhookSubscriptionRow | null> {
    const [row] = await this.db.query<ListRow>(`SELECT * FROM ${this.tables.webhook_subscription_list} WHERE webhook_subscription_id = $1`, [id]);
    return row ? rowOf(row) : null;
  }

  /** Newest first, cursor pages. */
  async list(query: { status?: 'enabled' | 'disabled'; limit?: number; cursor?: string }): Promise<{ items: WebhookSubscriptionRow[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const params: unknown[] = [limit + 1];
    const conditions: string[] = [];
    if (query.status) conditions.push(`status = $${params.push(query.status)}`);
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      conditions.push(`(created_at, webhook_subscription_id) < ($${params.push(createdAt)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.db.query<ListRow>(
      `SELECT * FROM ${this.tables.webhook_subscription_list} ${where} ORDER BY created_at DESC, webhook_subscription_id DESC LIMIT $1`,
      params,
    );
    const items = rows.slice(0, limit).map(rowOf);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
  }
}

const rowOf = (row: ListRow): WebhookSubscriptionRow => ({
  id: row.webhook_subscription_id,
  url: row.url,
  eventTypes: row.event_types,
  description: row.description,
  status: row.status,
  createdAt: new Date(row.created_at).toISOString(),
  revision: row.revision,
});
