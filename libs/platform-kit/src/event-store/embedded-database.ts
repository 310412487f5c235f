import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '@itsm/embedded-postgres';
import {
  createPgExecutor,
  createPgliteEventStore,
  createPgliteExecutor,
  createPostgresEventStore,
  openPglite,
  type EventStore,
  type SqlExecutor,
} from '@itsm/event-store';
import { lockDataDirectory, type DataDirectoryLock } from '../data-directory/data-directory-lock';
import { importEarlierPgliteFolder } from './import-pglite-folder';

export type EmbeddedDatabaseLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type EmbeddedDatabaseLog = (message: string, level: EmbeddedDatabaseLogLevel) => void;

/** The SQL database of a shape, and how to open the event log on it. */
export interface SqlDatabase {
  db: SqlExecutor;
  /** The PostgreSQL server's address when the database is one (not PGlite): for readers that open connections of their own. */
  connectionString?: string;
  description: string;
  openStore(): Promise<EventStore>;
  close(): Promise<void>;
}

/** Where each engine keeps its files inside ITSM_DATA_DIR. */
export const EMBEDDED_POSTGRES_FOLDER = 'postgres';
export const PGLITE_FOLDER = 'pglite';

const embeddedPostgres = async (dataDir: string, lock: DataDirectoryLock, log: EmbeddedDatabaseLog): Promise<SqlDatabase> => {
  await importEarlierPgliteFolder(dataDir, join(dataDir, EMBEDDED_POSTGRES_FOLDER), join(dataDir, PGLITE_FOLDER), log);
  const server = await startEmbeddedPostgres({
    directory: join(dataDir, EMBEDDED_POSTGRES_FOLDER),
    log,
    onUnexpectedExit: (code, signal) =>
      log(`the embedded PostgreSQL server ended unexpectedly (${signal ?? `exit ${code}`}); restart the platform to recover`, 'error'),
  });
  lock.describe({ connectionString: server.connectionString });
  const db = createPgExecutor({ connectionString: server.connectionString, max: 4 });
  return {
    db,
    connectionString: server.connectionString,
    description: `embedded PostgreSQL ${server.version} in ${resolve(dataDir)}`,
    openStore: () => createPostgresEventStore({ connectionString: server.connectionString }),
    async close() {
      await db.close();
      await server.stop();
      log('embedded PostgreSQL stopped (fast shutdown, checkpoint written)', 'info');
    },
  };
};

/** The earlier embedded engine, kept for comparison benchmarks and to read old folders: not crash-safe. */
const pgliteFolder = async (dataDir: string, log: EmbeddedDatabaseLog): Promise<SqlDatabase> => {
  log('ITSM_EMBEDDED_ENGINE=pglite: PGlite does not survive kill -9 or power loss on large logs; use it only for trials', 'warn');
  const pglite = await openPglite(join(dataDir, PGLITE_FOLDER));
  const db = createPgliteExecutor(pglite, { ownsDatabase: true });
  return {
    db,
    description: `PGlite in ${resolve(dataDir)} (not crash-safe)`,
    openStore: () => createPgliteEventStore({ db: pglite }),
    close: () => db.close(),
  };
};

/**
 * The embedded shape's database in ITSM_DATA_DIR, opened by one process at a time: the data directory is
 * locked first (a second process is refused with the holder's pid), then the engine starts.
 */
export const openEmbeddedDatabase = async (
  dataDir: string,
  engine: 'postgres' | 'pglite',
  options: { command: string; log: EmbeddedDatabaseLog },
): Promise<SqlDatabase> => {
  const lock = lockDataDirectory(dataDir, options.command);
  try {
    const database = engine === 'pglite' ? await pgliteFolder(dataDir, options.log) : await embeddedPostgres(dataDir, lock, options.log);
    return {
      ...database,
      async close() {
        try {
          await database.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
};
