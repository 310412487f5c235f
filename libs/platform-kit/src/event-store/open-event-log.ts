import { join } from 'node:path';
import {
  createEventStoreDbEventStore,
  createPgExecutor,
  createPgliteEventStore,
  createPgliteExecutor,
  createPostgresEventStore,
  openPglite,
  type EventStore,
  type SqlExecutor,
} from '@itsm/event-store';
import type { RuntimeConfig } from '../config/runtime-config';

export type EventLogConfig = Pick<RuntimeConfig, 'DATABASE_URL' | 'EVENTSTORE_URL' | 'ITSM_DATA_DIR'>;

export type EventStoreKind = 'eventstoredb' | 'postgres' | 'pglite';

export const eventStoreKindOf = (config: Pick<RuntimeConfig, 'EVENTSTORE_URL' | 'DATABASE_URL'>): EventStoreKind =>
  config.EVENTSTORE_URL ? 'eventstoredb' : config.DATABASE_URL ? 'postgres' : 'pglite';

/** The event log and the SQL database next to it (read models, relay checkpoints, handled-event records). */
export interface EventLog {
  store: EventStore;
  db: SqlExecutor;
  close(): Promise<void>;
}

/**
 * The runtime shape is configuration (DESIGN §1): SQL goes to the PostgreSQL server of DATABASE_URL, else to
 * the embedded PGlite in the data folder — which then also holds the log, on one shared PGlite instance (a data
 * folder can be opened only once per process). The log is EventStoreDB when EVENTSTORE_URL is set.
 */
export const openEventLog = async (config: EventLogConfig): Promise<EventLog> => {
  const { db, openStore } = config.DATABASE_URL
    ? openServerDatabase(config.DATABASE_URL)
    : await openEmbeddedDatabase(join(config.ITSM_DATA_DIR, 'pglite'));
  try {
    const store = config.EVENTSTORE_URL
      ? createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL })
      : await openStore();
    return {
      store,
      db,
      async close() {
        await store.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
};

const openServerDatabase = (connectionString: string) => ({
  db: createPgExecutor({ connectionString, max: 4 }),
  openStore: () => createPostgresEventStore({ connectionString }),
});

const openEmbeddedDatabase = async (dataDir: string) => {
  const pglite = await openPglite(dataDir);
  return {
    db: createPgliteExecutor(pglite, { ownsDatabase: true }),
    openStore: () => createPgliteEventStore({ db: pglite }),
  };
};
