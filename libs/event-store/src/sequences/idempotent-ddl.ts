import type { SqlExecutor } from '../postgres/sql-executor.port';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The name itself when it is a plain lower-case SQL identifier (safe to put into SQL text); throws otherwise. */
export const assertSqlName = (name: string, what = 'schema'): string => {
  if (!IDENTIFIER.test(name)) throw new Error(`Invalid ${what} name "${name}"`);
  return name;
};

export const assertSchemaName = (schema: string): string => assertSqlName(schema, 'schema');

/** PostgreSQL's unique violation: what the loser of two concurrent `CREATE … IF NOT EXISTS` may see. */
const UNIQUE_VIOLATION = '23505';

/**
 * Runs idempotent DDL (`CREATE … IF NOT EXISTS`) once per returned function, on its first call. Two processes racing
 * on it may see 23505 (the catalog entry was inserted by the other one meanwhile): then it exists, and running it
 * again is a no-op. A failure is not remembered: the next call tries again.
 */
export const onceDdl = (db: Pick<SqlExecutor, 'exec'>, ddl: string): (() => Promise<void>) => {
  let ready: Promise<void> | undefined;
  const run = async () => {
    try {
      await db.exec(ddl);
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await db.exec(ddl);
    }
  };
  return () =>
    (ready ??= run().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));
};
