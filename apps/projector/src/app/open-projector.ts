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
import type { RuntimeConfig } from '@itsm/platform-kit';
import { ProjectionRuntime } from '@itsm/projections';
import { hostedProjections } from './hosted-projections';

export type ProjectorConfig = Pick<RuntimeConfig, 'DATABASE_URL' | 'EVENTSTORE_URL' | 'ITSM_DATA_DIR'>;

export interface Projector {
  store: EventStore;
  db: SqlExecutor;
  runtime: ProjectionRuntime;
  close(): Promise<void>;
}

/**
 * Read models go to the PostgreSQL server of DATABASE_URL, else to the embedded PGlite in the data folder — which
 * then also holds the log, shared on one PGlite instance (a data folder can be opened once per process).
 * The log is EventStoreDB when EVENTSTORE_URL is set.
 */
const openDatabaseAndStore = async (config: ProjectorConfig): Promise<{ db: SqlExecutor; store: EventStore }> => {
  if (config.DATABASE_URL) {
    const db = createPgExecutor({ connectionString: config.DATABASE_URL, max: 4 });
    const store = config.EVENTSTORE_URL
      ? await createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL })
      : await createPostgresEventStore({ connectionString: config.DATABASE_URL });
    return { db, store };
  }
  const pglite = await openPglite(join(config.ITSM_DATA_DIR, 'pglite'));
  const db = createPgliteExecutor(pglite, { ownsDatabase: true });
  const store = config.EVENTSTORE_URL
    ? await createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL })
    : await createPgliteEventStore({ db: pglite });
  return { db, store };
};

/** Opens the log, the read-model database and the runtime with every hosted projection (tables created if missing). */
export const openProjector = async (config: ProjectorConfig): Promise<Projector> => {
  const { db, store } = await openDatabaseAndStore(config);
  try {
    const runtime = await ProjectionRuntime.create({ db, source: store, projections: hostedProjections });
    return {
      store,
      db,
      runtime,
      async close() {
        await runtime.stop();
        await store.close();
        await db.close();
      },
    };
  } catch (error) {
    await store.close();
    await db.close();
    throw error;
  }
};
