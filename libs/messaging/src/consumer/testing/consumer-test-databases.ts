import { randomUUID } from 'node:crypto';
import { createPgExecutor, createPgliteExecutor, openPglite, type SqlExecutor } from '@itsm/event-store';

/** A database for one consumer spec: a fresh schema name, and `dispose` drops it and closes the executor. */
export interface ConsumerTestDatabase {
  executor: SqlExecutor;
  schema: string;
  dispose(): Promise<void>;
}

export const testDatabaseUrl = (): string =>
  process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const randomSchemaName = (): string => `consumer_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

const withSchema = (executor: SqlExecutor): ConsumerTestDatabase => {
  const schema = randomSchemaName();
  return {
    executor,
    schema,
    dispose: async () => {
      await executor.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await executor.close();
    },
  };
};

export const openPostgresTestDatabase = (): ConsumerTestDatabase =>
  withSchema(createPgExecutor({ connectionString: testDatabaseUrl(), max: 4 }));

export const openPgliteTestDatabase = async (): Promise<ConsumerTestDatabase> =>
  withSchema(createPgliteExecutor(await openPglite(), { ownsDatabase: true }));
