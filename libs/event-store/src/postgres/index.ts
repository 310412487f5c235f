export * from './create-postgres-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.adapter';
export { DEFAULT_EVENT_LOG_SCHEMA } from './event-log-schema';
export { ImportOutOfOrderError } from './import-events';
export type { SqlExecutor, SqlSession, SqlTransaction } from './sql-executor.port';
// The SQL executors are shared with read models, relay checkpoints and idempotent consumers (same database).
export { createPgExecutor } from './pg-executor.adapter';
export { createPgliteExecutor, openPglite, type PgliteExecutorOptions } from './pglite-executor.adapter';
export type { Unlisten } from './sql-executor.port';
// The audit tools read the log's table directly for what the port does not offer (event search, record numbers).
export { eventLogSchema, type EventLogSchema } from './event-log-schema';
export { CANONICAL_DATA_CONSTRAINT } from './migrations';
export { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-rows';
