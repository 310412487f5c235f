import type { SqlExecutor } from '@itsm/event-store';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Table names of one relay schema (default `relay`), quoted for SQL. */
export interface RelayTables {
  schema: string;
  checkpoints: string;
  leases: string;
}

export const relayTables = (schema = 'relay'): RelayTables => {
  if (!IDENTIFIER.test(schema)) throw new Error(`Relay schema "${schema}" is not a plain lowercase identifier`);
  return { schema, checkpoints: `"${schema}".checkpoints`, leases: `"${schema}".leases` };
};

/**
 * Creates the relay's tables beside the event log (same database, own schema). Under a transaction-scoped
 * advisory lock, so relays starting together do not race on CREATE … IF NOT EXISTS.
 */
export const migrateRelaySchema = async (executor: SqlExecutor, tables: RelayTables): Promise<void> => {
  await executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`itsm-relay-migrate:${tables.schema}`]);
    await tx.exec(`
      CREATE SCHEMA IF NOT EXISTS "${tables.schema}";
      CREATE TABLE IF NOT EXISTS ${tables.checkpoints} (
        name text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${tables.leases} (
        name text PRIMARY KEY,
        holder text NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `);
  });
};
