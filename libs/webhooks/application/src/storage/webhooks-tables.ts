import type { SqlExecutor } from '@itsm/event-store';

/** Schema of the webhooks context's working tables. */
export const DEFAULT_WEBHOOKS_SCHEMA = 'webhooks';

/** The table names in a schema (quoted identifiers; the schema is checked to be a plain identifier). */
export const webhooksTables = (schema: string = DEFAULT_WEBHOOKS_SCHEMA) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid webhooks schema "${schema}"`);
  return {
    schema,
    secrets: `${schema}.subscription_secrets`,
    targets: `${schema}.delivery_targets`,
    deliveries: `${schema}.deliveries`,
    attempts: `${schema}.delivery_attempts`,
  };
};
export type WebhooksTables = ReturnType<typeof webhooksTables>;

/**
 * Not event-sourced on purpose: secrets must not reach the log (relayed to Kafka, kept forever, hashed), and
 * deliveries are operational records at the rate of every event times every subscription.
 * - subscription_secrets: the signing secret of each subscription (whsec_…), written before its creation event.
 * - delivery_targets: the dispatcher's copy of the subscriptions, fed in order by its own consumer of the log/topic.
 * - deliveries: one per (subscription, event) live, one more per replay; pending → delivered | dead-lettered.
 * - delivery_attempts: the delivery log, one row per HTTP attempt.
 */
export const migrateWebhooksSchema = async (db: SqlExecutor, tables: WebhooksTables): Promise<void> => {
  await db.exec(`
    CREATE SCHEMA IF NOT EXISTS ${tables.schema};
    CREATE TABLE IF NOT EXISTS ${tables.secrets} (
      subscription_id uuid PRIMARY KEY,
      secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS ${tables.targets} (
      subscription_id uuid PRIMARY KEY,
      url text NOT NULL,
      event_types text[] NOT NULL,
      status text NOT NULL,
      created_at timestamptz NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${tables.deliveries} (
      delivery_id text PRIMARY KEY,
      subscription_id uuid NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      global_position bigint NOT NULL,
      origin text NOT NULL,
      body text NOT NULL,
      status text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      lease_until timestamptz,
      last_status_code integer,
      last_error text,
      created_at timestamptz NOT NULL,
      delivered_at timestamptz
    );
    CREATE UNIQUE INDEX IF NOT EXISTS deliveries_live_once ON ${tables.deliveries} (subscription_id, event_id) WHERE origin = 'live';
    CREATE INDEX IF NOT EXISTS deliveries_due ON ${tables.deliveries} (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX IF NOT EXISTS deliveries_by_subscription ON ${tables.deliveries} (subscription_id, delivery_id DESC);
    CREATE TABLE IF NOT EXISTS ${tables.attempts} (
      delivery_id text NOT NULL,
      attempt integer NOT NULL,
      attempted_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      status_code integer,
      error text,
      PRIMARY KEY (delivery_id, attempted_at, attempt)
    );
  `);
};
