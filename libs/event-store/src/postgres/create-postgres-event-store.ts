import type { PGlite } from '@electric-sql/pglite';
import type { PoolConfig } from 'pg';
import type { EventStore } from '../event-store.port';
import { eventLogSchema, type EventLogSchema } from './event-log-schema';
import { migrateEventLog } from './migrate';
import { createPgExecutor } from './pg-executor.adapter';
import { createPgliteExecutor, openPglite } from './pglite-executor.adapter';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.adapter';
import type { SqlExecutor } from './sql-executor.port';

export interface PostgresEventStoreConfig extends PostgresEventStoreOptions {
  connectionString: string;
  /** PostgreSQL schema that holds the log (created if missing); default `event_store`. */
  schema?: string;
  /** Connections in the pool; default 10. */
  poolSize?: number;
  /** Extra `pg` pool settings (ssl, timeouts, application_name). */
  pool?: Omit<PoolConfig, 'connectionString' | 'max' | 'pipeline'>;
}

export interface PgliteEventStoreConfig extends PostgresEventStoreOptions {
  /** Directory of the database files; undefined keeps the database in memory. Ignored when `db` is given. */
  dataDir?: string;
  /** An open PGlite to share (e.g. with read models); the store then leaves closing it to the caller. */
  db?: PGlite;
  schema?: string;
}

const openStore = async (executor: SqlExecutor, names: EventLogSchema, options: PostgresEventStoreOptions) => {
  try {
    await migrateEventLog(executor, names);
  } catch (error) {
    await executor.close();
    throw error;
  }
  return new PostgresEventStore(executor, names, options);
};

/** The event log on a PostgreSQL server; migrates the schema before it resolves. */
export const createPostgresEventStore = async (config: PostgresEventStoreConfig): Promise<EventStore> => {
  const { connectionString, schema, poolSize, pool, ...options } = config;
  const names = eventLogSchema(schema);
  // Pipeline mode lets an append send its statements in two round trips (see append-events.ts).
  const executor = createPgExecutor({ ...pool, connectionString, max: poolSize ?? 10, pipeline: true });
  return openStore(executor, names, options);
};

/** The event log in process (PGlite), file-backed or in memory; migrates the schema before it resolves. */
export const createPgliteEventStore = async (config: PgliteEventStoreConfig = {}): Promise<EventStore> => {
  const { dataDir, db, schema, ...options } = config;
  const names = eventLogSchema(schema);
  const executor = createPgliteExecutor(db ?? (await openPglite(dataDir)), { ownsDatabase: db === undefined });
  return openStore(executor, names, options);
};
