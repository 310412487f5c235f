export * from './create-postgres-event-store';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.adapter';
export { DEFAULT_EVENT_LOG_SCHEMA } from './event-log-schema';
export type { SqlExecutor, SqlSession } from './sql-executor.port';
