import { randomBytes } from 'node:crypto';
import { testDatabaseUrl } from './projection-test-database';
import { createPgExecutor, createPgliteEventStore, createPgliteExecutor, createPostgresEventStore, openPglite, type EventStore, type SqlExecutor } from '@itsm/event-store';

/** An event log and a SQL executor on one database, with read-model schemas no other run uses. */
export interface ReadModelTestDatabase {
  store: EventStore;
  db: SqlExecutor;
  schema: string;
  checkpointSchema: string;
  dispose(): Promise<void>;
}

const randomName = (label: string): string => `${label}_${randomBytes(5).toString('hex')}`;

const postgres = (label: string) => async (): Promise<ReadModelTestDatabase> => {
  const connectionString = testDatabaseUrl();
  const schemas = { log: randomName(`${label}_log`), schema: randomName(`${label}_rm`), checkpointSchema: randomName(`${label}_cp`) };
  const store = await createPostgresEventStore({ connectionString, schema: schemas.log, pollIntervalMs: 50 });
  const db = createPgExecutor({ connectionString, max: 4 });
  return {
    store,
    db,
    schema: schemas.schema,
    checkpointSchema: schemas.checkpointSchema,
    async dispose() {
      await store.close();
      for (const name of Object.values(schemas)) await db.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await db.close();
    },
  };
};

const pglite = async (): Promise<ReadModelTestDatabase> => {
  const database = await openPglite();
  const store = await createPgliteEventStore({ db: database, pollIntervalMs: 50 });
  return {
    store,
    db: createPgliteExecutor(database, { ownsDatabase: false }),
    schema: 'read_models',
    checkpointSchema: 'projections',
    async dispose() {
      await store.close();
      await database.close();
    },
  };
};

/**
 * PGlite in memory (embedded shape) and the PostgreSQL server (DATABASE_URL, else the local trust-auth server);
 * `label` prefixes the server's random schema names, so a leftover schema says which specs made it.
 */
export const readModelTestDatabasesFor = (label: string): [string, () => Promise<ReadModelTestDatabase>][] => [
  ['PGlite', pglite],
  ['PostgreSQL', postgres(label)],
];
