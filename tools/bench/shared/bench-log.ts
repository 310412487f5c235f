import {
  createPgExecutor,
  createPgliteEventStore,
  createPgliteExecutor,
  createPostgresEventStore,
  openPglite,
  type EventStore,
  type SqlExecutor,
} from '@itsm/event-store';
import type { BenchConfig } from './config';
import { createScratchDatabase } from './postgres-database';

/** Where an event log lives in a bench: `postgres` (a scratch database on the server) or `pglite` (in memory). */
export type LogTarget = 'postgres' | 'pglite';

export const LOG_TARGETS: readonly LogTarget[] = ['postgres', 'pglite'];

/** An event log plus SQL executors on the same database (relay checkpoints, read models); `close` removes it all. */
export interface BenchLog {
  target: LogTarget;
  store: EventStore;
  /** The scratch database's address (`postgres` target only), for readers with connections of their own. */
  connectionString?: string;
  /** A new executor on the log's database, as another process (relay, projector, poller) would open. */
  executor(maxConnections?: number): SqlExecutor;
  close(): Promise<void>;
}

export const openPostgresLog = async (
  config: BenchConfig,
  label: string,
): Promise<BenchLog> => {
  const database = await createScratchDatabase(config.databaseUrl, label);
  const { connectionString } = database;
  const executors: SqlExecutor[] = [];
  try {
    const store = await createPostgresEventStore({ connectionString });
    return {
      target: 'postgres',
      store,
      connectionString,
      executor: (max = 4) => {
        const executor = createPgExecutor({ connectionString, max });
        executors.push(executor);
        return executor;
      },
      close: async () => {
        await store.close();
        await Promise.allSettled(executors.map((executor) => executor.close()));
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
};

/** One in-memory PGlite shared by the store and every executor, as in the embedded shape. */
export const openPgliteLog = async (): Promise<BenchLog> => {
  const pglite = await openPglite();
  const store = await createPgliteEventStore({ db: pglite });
  return {
    target: 'pglite',
    store,
    executor: () => createPgliteExecutor(pglite, { ownsDatabase: false }),
    close: async () => {
      await store.close();
      await pglite.close();
    },
  };
};

export const openBenchLog = (
  target: LogTarget,
  config: BenchConfig,
  label: string,
): Promise<BenchLog> =>
  target === 'postgres' ? openPostgresLog(config, label) : openPgliteLog();

/** The log targets BENCH_TARGETS selects (all when unset); refuses unknown names. */
export const selectedLogTargets = (config: BenchConfig): LogTarget[] => {
  const unknown = (config.targets ?? []).filter(
    (name) => !LOG_TARGETS.includes(name as LogTarget),
  );
  if (unknown.length)
    throw new Error(
      `Unknown BENCH_TARGETS: ${unknown.join(', ')} (known: ${LOG_TARGETS.join(', ')})`,
    );
  return LOG_TARGETS.filter(
    (name) => !config.targets || config.targets.includes(name),
  );
};
