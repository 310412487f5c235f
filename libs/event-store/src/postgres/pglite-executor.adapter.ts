import { mkdirSync } from 'node:fs';
import { Module } from 'node:module';
import type * as PgliteModule from '@electric-sql/pglite';
import type { PGlite, PGliteInterface } from '@electric-sql/pglite';
import type { SqlExecutor, SqlSession } from './sql-executor.port';

/**
 * PGlite imports Node built-ins with dynamic `import()`, which jest's module sandbox refuses (it needs
 * --experimental-vm-modules). Under jest it is therefore loaded with Node's own loader; elsewhere with require.
 */
const loadPglite = (): typeof PgliteModule => {
  if (process.env['JEST_WORKER_ID'] === undefined) {
    return require('@electric-sql/pglite');
  }
  const nodeLoader = Module as unknown as { _load(request: string, parent: null, isMain: boolean): unknown };
  return nodeLoader._load(require.resolve('@electric-sql/pglite'), null, false) as typeof PgliteModule;
};

/** Opens PGlite on a data directory (created with its parents if missing), or in memory when `dataDir` is undefined. */
export const openPglite = async (dataDir?: string): Promise<PGlite> => {
  // PGlite creates only the last path segment itself.
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  return loadPglite().PGlite.create(dataDir);
};

type PgliteSession = Pick<PGliteInterface, 'query' | 'exec'>;

// PGlite runs in process: a prepared statement would save no round trip, so `prepareAs` is not used.
const sessionOf = (db: PgliteSession): SqlSession => ({
  query: async <Row>(text: string, params?: readonly unknown[]) =>
    (await db.query<Row>(text, params as unknown[] | undefined)).rows,
  exec: async (script: string) => {
    await db.exec(script);
  },
});

export interface PgliteExecutorOptions {
  /** Close the PGlite instance with the executor (false when the caller shares it with other users). */
  ownsDatabase: boolean;
}

/**
 * A `SqlExecutor` on PGlite. PGlite has a single connection; its own transaction mutex makes every other
 * statement and transaction wait until the open transaction ends, so concurrent appends are serialized.
 * No `listen`: only this process can write to an in-process database, and the store wakes its own subscribers.
 */
export const createPgliteExecutor = (db: PGlite, { ownsDatabase }: PgliteExecutorOptions): SqlExecutor => ({
  ...sessionOf(db),
  // PGlite's default isolation is READ COMMITTED, as the store expects. It commits when `work` returns, which
  // the work's `commit()` (its last call) cannot hasten.
  transaction: (work) => db.transaction((tx) => work({ ...sessionOf(tx), commit: async () => undefined })),
  runsOneTransactionAtATime: true,
  close: async () => {
    if (ownsDatabase) await db.close();
  },
});
