import { randomBytes } from 'node:crypto';
import { newId, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import {
  createPgExecutor,
  createPgliteEventStore,
  createPgliteExecutor,
  createPostgresEventStore,
  openPglite,
  type EventStore,
  type SqlExecutor,
} from '@itsm/event-store';

/** An event log plus a SQL executor on the same database, in schemas no other run uses. */
export interface ProjectionTestDatabase {
  store: EventStore;
  db: SqlExecutor;
  /** Read-model and checkpoint schemas for the runtime under test. */
  schema: string;
  checkpointSchema: string;
  /** Another executor on the same database, as a restarted process would open. */
  openExecutor(): SqlExecutor;
  dispose(): Promise<void>;
}

export type ProjectionTestDatabaseFactory = () => Promise<ProjectionTestDatabase>;

const randomName = (label: string): string => `${label}_${randomBytes(5).toString('hex')}`;

export const testDatabaseUrl = (): string => process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const postgresTestDatabase: ProjectionTestDatabaseFactory = async () => {
  const connectionString = testDatabaseUrl();
  const logSchema = randomName('prj_log');
  const schema = randomName('prj_rm');
  const checkpointSchema = randomName('prj_cp');
  const store = await createPostgresEventStore({ connectionString, schema: logSchema, pollIntervalMs: 50 });
  const executors: SqlExecutor[] = [];
  const openExecutor = () => {
    const executor = createPgExecutor({ connectionString, max: 4 });
    executors.push(executor);
    return executor;
  };
  const db = openExecutor();
  return {
    store,
    db,
    schema,
    checkpointSchema,
    openExecutor,
    async dispose() {
      await store.close();
      const admin = createPgExecutor({ connectionString, max: 1 });
      for (const name of [logSchema, schema, checkpointSchema]) await admin.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      await admin.close();
      await Promise.allSettled(executors.map((executor) => executor.close()));
    },
  };
};

/** In-memory PGlite shared by the store and the projections, as in the embedded shape. */
export const pgliteTestDatabase: ProjectionTestDatabaseFactory = async () => {
  const pglite = await openPglite();
  const store = await createPgliteEventStore({ db: pglite, pollIntervalMs: 50 });
  const openExecutor = () => createPgliteExecutor(pglite, { ownsDatabase: false });
  return {
    store,
    db: openExecutor(),
    schema: 'read_models',
    checkpointSchema: 'projections',
    openExecutor,
    async dispose() {
      await store.close();
      await pglite.close();
    },
  };
};

export const testDatabases: [string, ProjectionTestDatabaseFactory][] = [
  ['PGlite', pgliteTestDatabase],
  ['PostgreSQL', postgresTestDatabase],
];

export const anEvent = (type: string, data: unknown = {}): NewEvent => ({
  type,
  data,
  metadata: { actor: { id: 'user-projection-test', role: 'agent', via: 'projections-spec' }, correlationId: newId() },
});

/** Every event of the log, in order. */
export const readWholeLog = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  let position = -1;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: 5000 });
    events.push(...page.events);
    if (page.events.length < 5000) return events;
    position = page.lastPosition;
  }
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
