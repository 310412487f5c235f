import { randomUUID } from 'node:crypto';
import {
  createPgExecutor,
  createPgliteEventStore,
  createPgliteExecutor,
  createPostgresEventStore,
  openPglite,
  type EventStore,
  type SqlExecutor,
} from '@itsm/event-store';
import { newId, streamName } from '@itsm/event-sourcing';

/** A fresh event log plus executors for relay tables on the same database; `close` removes it all. */
export interface RelayTestDatabase {
  store: EventStore;
  /** A new executor on the database (one per relay instance, as separate processes would have). */
  executor(): SqlExecutor;
  storeSchema: string;
  relaySchema: string;
  close(): Promise<void>;
}

/** The PostgreSQL server of integration tests: `DATABASE_URL`, else the local trust-auth server. */
export const relayTestDatabaseUrl = (): string =>
  process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const randomSchema = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export const openPgliteRelayDatabase = async (): Promise<RelayTestDatabase> => {
  const db = await openPglite();
  const store = await createPgliteEventStore({ db });
  return {
    store,
    executor: () => createPgliteExecutor(db, { ownsDatabase: false }),
    storeSchema: 'event_store',
    relaySchema: 'relay',
    close: async () => {
      await store.close();
      await db.close();
    },
  };
};

export const openPostgresRelayDatabase = async (connectionString: string): Promise<RelayTestDatabase> => {
  const storeSchema = randomSchema('relay_log');
  const relaySchema = randomSchema('relay_cp');
  const store = await createPostgresEventStore({ connectionString, schema: storeSchema, poolSize: 4 });
  const executors: SqlExecutor[] = [];
  return {
    store,
    executor: () => {
      const executor = createPgExecutor({ connectionString, max: 3 });
      executors.push(executor);
      return executor;
    },
    storeSchema,
    relaySchema,
    close: async () => {
      await store.close();
      const admin = createPgExecutor({ connectionString, max: 1 });
      await admin.exec(
        `DROP SCHEMA IF EXISTS "${storeSchema}" CASCADE; DROP SCHEMA IF EXISTS "${relaySchema}" CASCADE;`,
      );
      await Promise.all([...executors, admin].map((executor) => executor.close()));
    },
  };
};

const STREAM_TYPES = ['incident', 'change', 'service', 'budget'];

/**
 * Appends `eventsPerStream` events to each of `streams` new streams, interleaved across streams (one
 * event per stream per round, several streams per append call being separate appends as in production).
 * Returns the stream ids.
 */
export const appendInterleaved = async (
  store: EventStore,
  streams: number,
  eventsPerStream: number,
  onProgress?: (appended: number) => void,
): Promise<string[]> => {
  const ids = Array.from({ length: streams }, (_, i) => streamName(STREAM_TYPES[i % STREAM_TYPES.length]));
  const metadata = { actor: { id: 'relay-spec', role: 'system' }, correlationId: newId() };
  let appended = 0;
  for (let revision = 0; revision < eventsPerStream; revision++) {
    await Promise.all(
      ids.map((id) =>
        store.appendToStream(id, [{ type: 'SomethingHappened', data: { revision }, metadata }], {
          expectedRevision: revision - 1 < 0 ? 'no-stream' : revision - 1,
        }),
      ),
    );
    appended += ids.length;
    onProgress?.(appended);
  }
  return ids;
};
