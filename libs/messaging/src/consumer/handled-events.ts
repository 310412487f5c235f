import type { SqlExecutor, SqlSession } from '@itsm/event-store';

const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The idempotency record of consumers: `<schema>.handled_events`, one row per (consumer, event id), written in
 * the same transaction as the consumer's effect. A redelivered event finds its row and its effect is skipped;
 * two deliveries racing each other serialize on the primary key, and the second one finds the row.
 */
export class HandledEvents {
  private readonly table: string;

  constructor(
    private readonly executor: SqlExecutor,
    readonly schema: string,
  ) {
    if (!SQL_IDENTIFIER.test(schema)) throw new Error(`handled events: "${schema}" is not a plain SQL schema name`);
    this.table = `"${schema}".handled_events`;
  }

  /** Creates the schema and table if missing; the advisory lock lets consumers that start together take turns. */
  async ensureTable(): Promise<void> {
    await this.executor.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.table}:create`]);
      await tx.exec(`
        CREATE SCHEMA IF NOT EXISTS "${this.schema}";
        CREATE TABLE IF NOT EXISTS ${this.table} (
          consumer_name text NOT NULL,
          event_id text NOT NULL,
          handled_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer_name, event_id)
        );
      `);
    });
  }

  /**
   * Runs `work` in one transaction with the record that `consumer` handled `eventId`: both commit or neither.
   * Resolves true when the work ran, false when the event was already handled (the work is skipped).
   */
  async runOnce(consumer: string, eventId: string, work: (tx: SqlSession) => Promise<void>): Promise<boolean> {
    return this.executor.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO ${this.table} (consumer_name, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
        [consumer, eventId],
      );
      if (inserted.length === 0) return false;
      await work(tx);
      return true;
    });
  }

  async wasHandled(consumer: string, eventId: string): Promise<boolean> {
    const rows = await this.executor.query(
      `SELECT 1 FROM ${this.table} WHERE consumer_name = $1 AND event_id = $2`,
      [consumer, eventId],
    );
    return rows.length > 0;
  }
}
