import { verifyChain, type NewEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import { createPgliteEventStore, createPostgresEventStore } from '../postgres/create-postgres-event-store';
import { eventLogSchema } from '../postgres/event-log-schema';
import { MIGRATIONS } from '../postgres/migrations';
import { createPgExecutor } from '../postgres/pg-executor.adapter';
import { createPgliteExecutor, openPglite } from '../postgres/pglite-executor.adapter';
import { randomSchemaName } from '../postgres/sql-contract.harness';
import type { SqlExecutor } from '../postgres/sql-executor.port';
import { testDatabaseUrl } from '../postgres/test-database-url';
import { ERASED_FIELD_VALUE, type PersonalDataPolicy } from './personal-data-policy';
import { protectPersonalData, sqlSubjectKeys } from './protect-personal-data';

const policy: PersonalDataPolicy = {
  Opened: { subject: { field: 'callerId' }, fields: ['callerId', 'description'] },
  NoteAdded: { subject: 'stream', fields: ['note'] },
};
const metadata = { actor: { id: 'agent-1' }, correlationId: 'c-1' };
const opened = (callerId: string): NewEvent => ({ type: 'Opened', data: { callerId, description: `text of ${callerId}` }, metadata });

interface Target {
  db: SqlExecutor;
  schema: string;
  openStore(): Promise<EventStore>;
  /** The SQL database of one more process (a server connection pool of its own; PGlite's one connection). */
  processDb(): SqlExecutor;
  dispose(): Promise<void>;
}

const targets: [string, () => Promise<Target>][] = [
  [
    'PGlite',
    async () => {
      const pglite = await openPglite();
      const schema = randomSchemaName('pii');
      const db = createPgliteExecutor(pglite, { ownsDatabase: false });
      return { db, schema, openStore: () => createPgliteEventStore({ db: pglite, schema }), processDb: () => db, dispose: () => pglite.close() };
    },
  ],
  [
    'the PostgreSQL server',
    async () => {
      const connectionString = testDatabaseUrl();
      const schema = randomSchemaName('pii');
      const db = createPgExecutor({ connectionString, max: 4 });
      const processDbs: SqlExecutor[] = [];
      return {
        db,
        schema,
        openStore: () => createPostgresEventStore({ connectionString, schema, poolSize: 2 }),
        processDb: () => {
          processDbs.push(createPgExecutor({ connectionString, max: 2 }));
          return processDbs[processDbs.length - 1];
        },
        dispose: async () => {
          for (const processDb of processDbs) await processDb.close();
          await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await db.close();
        },
      };
    },
  ],
];

describe.each(targets)('the key table on %s', (_name, open) => {
  let target: Target;
  const stores: EventStore[] = [];
  const protectedStore = async () => {
    const store = protectPersonalData(await target.openStore(), { keys: await sqlSubjectKeys(target.processDb(), { schema: target.schema }), policy });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    target = await open();
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await target.dispose();
  });

  it('is created by the migrations (4: data subject keys) in the log schema', async () => {
    await protectedStore();
    const names = eventLogSchema(target.schema);
    const applied = await target.db.query<{ version: number; name: string }>(`SELECT version, name FROM ${names.migrations} ORDER BY version`);
    expect(applied.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(applied.find((row) => Number(row.version) === 4)?.name).toBe('data subject keys');
    expect(await target.db.query(`SELECT key_id FROM ${names.subjectKeys}`)).toEqual([]);
  });

  it('gives two stores on the same log one key per subject, and erasure deletes the key material, not events', async () => {
    const [first, second] = [await protectedStore(), await protectedStore()];
    await Promise.all([
      first.appendToStream('case-1', [opened('caller-x')], { expectedRevision: 'no-stream' }),
      second.appendToStream('case-2', [opened('caller-x')], { expectedRevision: 'no-stream' }),
      second.appendToStream('case-3', [opened('caller-y')], { expectedRevision: 'no-stream' }),
    ]);
    await first.appendToStream('case-1', [{ type: 'NoteAdded', data: { note: 'called x' }, metadata }], { expectedRevision: 0 });
    const names = eventLogSchema(target.schema);
    const live = await target.db.query<{ subject_ref: string }>(`SELECT subject_ref FROM ${names.subjectKeys} WHERE data_key IS NOT NULL`);
    expect(live).toHaveLength(2);
    expect(JSON.stringify(live)).not.toContain('caller-');
    const [{ count: before }] = await target.db.query<{ count: string }>(`SELECT count(*) FROM ${names.events}`);

    expect((await second.vault.erase('caller-x')).keysErased).toBe(1);

    const third = await protectedStore();
    for (const store of [first, second, third]) {
      // `second` erased; `third` never saw the key; `first` cached it and drops it on the erasure NOTIFY (server) or
      // on the next erasure check: on PGlite one process holds the database, so the erasing store is the one.
      if (store === first && target.db.listen === undefined) continue;
      const read = async () => (await store.readStream('case-1')).map((event) => event.data);
      let data = await read();
      for (let attempt = 0; attempt < 50 && JSON.stringify(data).includes('caller-x'); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        data = await read();
      }
      expect(data).toEqual([{ callerId: ERASED_FIELD_VALUE, description: ERASED_FIELD_VALUE }, { note: ERASED_FIELD_VALUE }]);
    }
    expect((await third.readStream('case-3'))[0].data).toEqual({ callerId: 'caller-y', description: 'text of caller-y' });
    const [{ count: after }] = await target.db.query<{ count: string }>(`SELECT count(*) FROM ${names.events}`);
    expect(after).toBe(before);
    expect(verifyChain('case-1', await third.stored.readStream('case-1')).ok).toBe(true);
    const erased = await target.db.query<{ data_key: unknown; erased_at: unknown }>(`SELECT data_key, erased_at FROM ${names.subjectKeys} WHERE data_key IS NULL`);
    expect(erased).toEqual([{ data_key: null, erased_at: expect.anything() }]);
  });
});
