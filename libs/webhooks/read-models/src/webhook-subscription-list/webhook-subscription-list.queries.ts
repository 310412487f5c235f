import type { SqlExecutor } from '@itsm/event-store';
import type { WebhookSubscriptionListTables } from './webhook-subscription-list.projection';

/** A webhook subscription as the list shows it; `revision` is the stream revision the row reflects. */
export interface WebhookSubscriptionRow {
  id: string;
  url: string;
  status: string;
  createdAt: string;
  revision: number;
}

interface WebhookSubscriptionListRow {
  webhook_subscription_id: string;
  url: string;
  status: string;
  created_at: Date | string;
  revision: number;
}

export class WebhookSubscriptionListQueries {
  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: WebhookSubscriptionListTables,
  ) {}

  /** The webhook subscription's row, or null when the projection has not seen it (yet). */
  async get(id: string): Promise<WebhookSubscriptionRow | null> {
    const [row] = await this.db.query<WebhookSubscriptionListRow>(`SELECT * FROM ${this.tables.webhook_subscription_list} WHERE webhook_subscription_id = $1`, [id]);
    return row ? rowOf(row) : null;
  }
}

const rowOf = (row: WebhookSubscriptionListRow): WebhookSubscriptionRow => ({
  id: row.webhook_subscription_id,
  url: row.url,
  status: row.status,
  createdAt: new Date(row.created_at).toISOString(),
  revision: row.revision,
});
