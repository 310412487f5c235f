import type { EventLogSchema } from './event-log-schema';
import { MIGRATIONS, type Migration } from './migrations';
import type { SqlExecutor } from './sql-executor.port';

/**
 * Brings the schema up to the latest migration. The transaction-scoped advisory lock makes processes that
 * start together take turns: the second one waits, then finds every migration already recorded.
 * Returns the versions this call applied.
 */
export const migrateEventLog = async (
  executor: SqlExecutor,
  names: EventLogSchema,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> =>
  executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [names.migrationLockKey]);
    await tx.exec(`
      CREATE SCHEMA IF NOT EXISTS "${names.schema}";
      CREATE TABLE IF NOT EXISTS ${names.migrations} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
    `);
    const rows = await tx.query<{ version: number }>(`SELECT version FROM ${names.migrations}`);
    const applied = new Set(rows.map((row) => Number(row.version)));
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await tx.exec(migration.sql(names));
      await tx.query(`INSERT INTO ${names.migrations} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    return pending.map((migration) => migration.version);
  });
