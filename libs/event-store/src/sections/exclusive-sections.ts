import type { SqlExecutor } from '../postgres/sql-executor.port';
import { InProcessMutex } from './in-process-mutex';

/**
 * Named critical sections shared by every process on one database: a rule that spans aggregates (no cycle in the
 * service dependency graph) is checked and its event appended inside one, so two processes never both pass the
 * check on the same state.
 */
export interface ExclusiveSections {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

const NOT_HELD = Symbol('not held');
const MAX_WAIT_MS = 200;

/**
 * On a PostgreSQL server: a transaction-scoped advisory lock, held by an open transaction while `work` runs on
 * other connections, released when it ends (commit, rollback, or the process dying). A waiter polls with
 * `pg_try_advisory_xact_lock` and holds no connection between tries, so waiters never starve the pool that
 * `work` needs. On PGlite (one process, one connection that a held transaction would block) an in-process queue
 * gives the same guarantee.
 */
export const createExclusiveSections = (executor: SqlExecutor): ExclusiveSections => {
  if (executor.runsOneTransactionAtATime) {
    const mutexes = new Map<string, InProcessMutex>();
    return {
      run: (key, work) => {
        const mutex = mutexes.get(key) ?? new InProcessMutex();
        mutexes.set(key, mutex);
        return mutex.run(work);
      },
    };
  }
  return {
    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
      for (let waitMs = 5; ; waitMs = Math.min(waitMs * 2, MAX_WAIT_MS)) {
        const outcome = await executor.transaction(async (tx) => {
          const [{ held }] = await tx.query<{ held: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS held', [`itsm-section:${key}`]);
          return held ? { value: await work() } : NOT_HELD;
        });
        if (outcome !== NOT_HELD) return outcome.value;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
  };
};
