import { ALL_EVENT_TYPES, EVENT_SCHEMA_VERSIONS, isPublishedEventType, WEBHOOK_SUBSCRIPTION_EVENT_TYPES, webhookSubscriptionIdOf, type WebhookSubscriptionEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SqlExecutor, SqlSession } from '@itsm/event-store';
import type { EventProcess } from '@itsm/projections';
import type { WebhooksTables } from '../storage/webhooks-tables';
import { queueDeliveries } from './queue-deliveries';

export const WEBHOOK_FANOUT_PROCESS = 'webhook_fanout';

const SUBSCRIPTION_TYPES: readonly string[] = WEBHOOK_SUBSCRIPTION_EVENT_TYPES;

/**
 * Turns each published event into one pending delivery per enabled subscription that takes its type, and keeps the
 * dispatcher's copy of the subscriptions from their own events, in the order it reads them. Idempotent (a live
 * delivery is unique per subscription and event; the copy is keyed by subscription), so at-least-once reading is
 * enough: from the log with a checkpoint (embedded), or from Kafka in its own consumer group (distributed). A
 * subscription takes events recorded at or after its own creation was recorded, never earlier ones (replay does that
 * on request): by time, not log position, because in the distributed shape each context's log may number its own
 * events, and a new consumer group reads every topic from its beginning.
 */
export class WebhookFanoutProcess implements EventProcess {
  readonly name = WEBHOOK_FANOUT_PROCESS;
  readonly eventTypes: readonly string[] = Object.keys(EVENT_SCHEMA_VERSIONS).filter((type) => isPublishedEventType(type) || SUBSCRIPTION_TYPES.includes(type));

  constructor(
    private readonly db: SqlExecutor,
    private readonly tables: WebhooksTables,
    /** Called after deliveries were queued (the worker wakes up). */
    private readonly onQueued: () => void = () => undefined,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (SUBSCRIPTION_TYPES.includes(event.type)) return this.follow(this.db, event as RecordedEvent & WebhookSubscriptionEvent);
    if (!isPublishedEventType(event.type)) return;
    const targets = await this.db.query<{ subscription_id: string }>(
      `SELECT subscription_id FROM ${this.tables.targets}
        WHERE status = 'enabled' AND created_at <= $2 AND (event_types @> ARRAY[$1]::text[] OR event_types @> ARRAY['${ALL_EVENT_TYPES}']::text[])`,
      [event.type, event.recordedAt],
    );
    if (targets.length === 0) return;
    const queued = await queueDeliveries(this.db, this.tables, 'live', event, targets.map((target) => target.subscription_id));
    if (queued > 0) this.onQueued();
  }

  private async follow(db: SqlSession, event: RecordedEvent & WebhookSubscriptionEvent): Promise<void> {
    const id = webhookSubscriptionIdOf(event.streamId);
    switch (event.type) {
      case 'WebhookSubscriptionCreated':
        await db.query(
          `INSERT INTO ${this.tables.targets} (subscription_id, url, event_types, status, created_at) VALUES ($1, $2, $3, 'enabled', $4)
           ON CONFLICT (subscription_id) DO NOTHING`,
          [id, event.data.url, event.data.eventTypes, event.recordedAt],
        );
        return;
      case 'WebhookSubscriptionDisabled':
        return this.setStatus(db, id, 'disabled');
      case 'WebhookSubscriptionEnabled':
        await this.setStatus(db, id, 'enabled');
        // Deliveries held while it was disabled are due again.
        this.onQueued();
        return;
      case 'WebhookSubscriptionDeleted':
        await this.setStatus(db, id, 'deleted');
        return;
    }
  }

  private async setStatus(db: SqlSession, id: string, status: string): Promise<void> {
    await db.query(`UPDATE ${this.tables.targets} SET status = $2 WHERE subscription_id = $1`, [id, status]);
  }
}
