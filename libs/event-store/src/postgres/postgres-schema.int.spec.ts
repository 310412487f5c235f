import { aNewEvent, uniquePrefix } from '../testing';
import { canonicalJson, verifyChain, waitUntil, type RecordedEvent } from '@itsm/event-sourcing';
import { createPostgresEventStore } from './create-postgres-event-store';
import { eventLogSchema } from './event-log-schema';
import { MAX_CANONICAL_TEXT_BYTES } from './event-rows';
import { MIGRATIONS } from './migrations';
import { createPgExecutor } from './pg-executor.adapter';
import { randomSchemaName } from './sql-contract.harness';
import { testDatabaseUrl } from './test-database-url';

describe('PostgreSQL event log schema', () => {
  const connectionString = testDatabaseUrl();
  const schema = randomSchemaName('schema_test');
  const names = eventLogSchema(schema);
  const admin = createPgExecutor({ connectionString, max: 2 });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.close();
  });

  it('applies each migration once when processes start together', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresEventStore({ connectionString, schema, poolSize: 2 })));
    await Promise.all(stores.map((store) => store.close()));

    const applied = await admin.query<{ version: number }>(`SELECT version FROM ${names.migrations} ORDER BY version`);
    expect(applied.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it('refuses TRUNCATE, UPDATE and DELETE with a message that says append-only', async () => {
    const store = await createPostgresEventStore({ connectionString, schema });
    await store.appendToStream(`${uniquePrefix('guard')}1`, [aNewEvent()], { expectedRevision: 'no-stream' });
    await store.close();

    for (const statement of [`TRUNCATE ${names.events}`, `UPDATE ${names.events} SET type = 'x'`, `DELETE FROM ${names.events}`]) {
      await expect(admin.query(statement)).rejects.toThrow(/the event log is append-only: (TRUNCATE|UPDATE|DELETE) on/);
    }
    const [{ count }] = await admin.query<{ count: string }>(`SELECT count(*) FROM ${names.events}`);
    expect(Number(count)).toBeGreaterThan(0);
  });

  it("keeps each appended event's data as the RFC 8785 text its hash covers too, beside the jsonb", async () => {
    const store = await createPostgresEventStore({ connectionString, schema });
    const streamId = `${uniquePrefix('canonical')}1`;
    await store.appendToStream(streamId, [{ ...aNewEvent('Canonical'), data: { b: [1.5, null, 1e21], a: 'é "x"', skipped: undefined } }], { expectedRevision: 'no-stream' });
    await store.close();

    const [row] = await admin.query<{ canonical_data: string; same: boolean }>(`SELECT canonical_data, canonical_data::jsonb = data AS same FROM ${names.events} WHERE stream_id = $1`, [streamId]);
    expect(row).toEqual({ canonical_data: canonicalJson({ a: 'é "x"', b: [1.5, null, 1e21] }), same: true });
    expect(row.canonical_data).toBe('{"a":"é \\"x\\"","b":[1.5,null,1e+21]}');
  });

  it('stores a large event compressed with lz4 when the server has it, and reads it back whole', async () => {
    const [{ lz4 }] = await admin.query<{ lz4: boolean }>(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`);
    const store = await createPostgresEventStore({ connectionString, schema });
    const streamId = `${uniquePrefix('large')}1`;
    // About 40 kB: compressed (past ~2 kB), its canonical text still kept (up to 64 kB).
    const lines = Array.from({ length: 800 }, (_, index) => ({ lineId: String(index), description: `line ${index}`, amount: `${index}.25` }));
    await store.appendToStream(streamId, [{ ...aNewEvent('Large'), data: { lines } }], { expectedRevision: 'no-stream' });
    const [read] = await store.readStream(streamId);
    await store.close();

    expect(read.data).toEqual({ lines });
    const [row] = await admin.query<{ data: string | null; canonical_data: string | null }>(
      `SELECT pg_column_compression(data) AS data, pg_column_compression(canonical_data) AS canonical_data FROM ${names.events} WHERE stream_id = $1`,
      [streamId],
    );
    const expected = lz4 ? 'lz4' : 'pglz';
    expect(row).toEqual({ data: expected, canonical_data: expected });
  });

  it('keeps no canonical text beside an event over 64 kB, whose data and hash chain read back whole', async () => {
    const store = await createPostgresEventStore({ connectionString, schema });
    const streamId = `${uniquePrefix('huge')}1`;
    const small = { ...aNewEvent('Small'), data: { note: 'small' } };
    const huge = { ...aNewEvent('Huge'), data: { lines: Array.from({ length: 3_000 }, (_, index) => ({ lineId: String(index), description: `line ${index} é` })) } };
    expect(Buffer.byteLength(canonicalJson(huge.data))).toBeGreaterThan(MAX_CANONICAL_TEXT_BYTES);
    await store.appendToStream(streamId, [small, huge], { expectedRevision: 'no-stream' });
    const stored = await store.readStream(streamId);
    await store.close();

    expect(stored.map((event) => event.data)).toEqual([small.data, huge.data]);
    expect(verifyChain(streamId, stored).ok).toBe(true);
    const rows = await admin.query<{ kept: boolean }>(`SELECT canonical_data IS NOT NULL AS kept FROM ${names.events} WHERE stream_id = $1 ORDER BY stream_revision`, [streamId]);
    expect(rows.map((row) => row.kept)).toEqual([true, false]);
  });

  it('wakes a subscription by NOTIFY when another process appends', async () => {
    // A poll interval far beyond the wait below: only the notification can deliver the event in time.
    const subscriber = await createPostgresEventStore({ connectionString, schema, pollIntervalMs: 600_000 });
    const writer = await createPostgresEventStore({ connectionString, schema });
    const prefix = uniquePrefix('notify');
    const received: RecordedEvent[] = [];
    const subscription = subscriber.subscribeToAll({ filter: { streamPrefixes: [prefix] }, onEvent: async (event) => void received.push(event) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await writer.appendToStream(`${prefix}1`, [aNewEvent('Notified')], { expectedRevision: 'no-stream' });
      expect(await waitUntil('the notified subscription to receive the event', () => received.length === 1, 10_000)).toBe(true);
      expect(received[0].type).toBe('Notified');
    } finally {
      await subscription.stop();
      await Promise.all([subscriber.close(), writer.close()]);
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(createPostgresEventStore({ connectionString, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/Invalid event store schema name/);
  });
});
