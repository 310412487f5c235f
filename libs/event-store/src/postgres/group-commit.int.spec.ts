import { newEventId, verifyChain, WrongExpectedRevisionError, type NewEvent } from '@itsm/event-sourcing';
import type { EventStore } from '../event-store.port';
import { isPiiEnvelope } from '../personal-data/field-cipher';
import type { PersonalDataPolicy } from '../personal-data/personal-data-policy';
import { protectPersonalData, sqlSubjectKeys } from '../personal-data/protect-personal-data';
import { aNewEvent, rejectionOf, uniquePrefix } from '../testing/contract-helpers';
import { createPgliteEventStore, createPostgresEventStore } from './create-postgres-event-store';
import { DEFAULT_EVENT_LOG_SCHEMA, eventLogSchema } from './event-log-schema';
import { createPgExecutor } from './pg-executor.adapter';
import { createPgliteExecutor, openPglite } from './pglite-executor.adapter';
import { randomSchemaName } from './sql-contract.harness';
import type { SqlExecutor } from './sql-executor.port';
import { testDatabaseUrl } from './test-database-url';

/** A log on one database, with an executor that reads its table directly (transaction ids of the rows). */
interface Log {
  /** Closed by `dispose()`, also when a case has replaced it with a wrapper of it. */
  store: EventStore;
  db: SqlExecutor;
  schema: string;
  events: string;
  dispose(): Promise<void>;
}

const onServer = async (): Promise<Log> => {
  const schema = randomSchemaName('group');
  const store = await createPostgresEventStore({ connectionString: testDatabaseUrl(), schema });
  const db = createPgExecutor({ connectionString: testDatabaseUrl(), max: 2 });
  const log: Log = {
    store,
    db,
    schema,
    events: eventLogSchema(schema).events,
    async dispose() {
      await log.store.close();
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
  return log;
};

const inProcess = async (): Promise<Log> => {
  const pglite = await openPglite();
  const store = await createPgliteEventStore({ db: pglite });
  const log: Log = {
    store,
    db: createPgliteExecutor(pglite, { ownsDatabase: false }),
    schema: DEFAULT_EVENT_LOG_SCHEMA,
    events: eventLogSchema().events,
    async dispose() {
      await log.store.close();
      await pglite.close();
    },
  };
  return log;
};

/** How many transactions wrote the given events (xmin of their rows): fewer than appends means they were grouped. */
const transactionsThatWrote = async (log: Log, streamPrefix: string): Promise<number> => {
  const [{ count }] = await log.db.query<{ count: number }>(
    `SELECT count(DISTINCT xmin::text)::int AS count FROM ${log.events} WHERE starts_with(stream_id, $1)`,
    [streamPrefix],
  );
  return Number(count);
};

const settle = <T>(appends: Promise<T>[]) => Promise.allSettled(appends);
const fulfilled = <T>(outcomes: PromiseSettledResult<T>[]) => outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
const rejected = <T>(outcomes: PromiseSettledResult<T>[]) => outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));

describe('group commit with two processes appending to the same streams (PostgreSQL server)', () => {
  it('lands every append with contiguous revisions and intact chains when groups of both race on the heads they read', async () => {
    const log = await onServer();
    const other = await createPostgresEventStore({ connectionString: testDatabaseUrl(), schema: log.schema });
    try {
      const prefix = uniquePrefix('two-processes');
      const streams = Array.from({ length: 4 }, (_, n) => `${prefix}${n}`);
      // Each store's groups read heads before the lock: the other process's commits in between make the INSERT collide
      // with a revision taken meanwhile, and the group is retried append by append.
      await Promise.all(
        [log.store, other].flatMap((store, writer) =>
          Array.from({ length: 6 }, async (_, round) => {
            for (const streamId of streams) await store.appendToStream(streamId, [aNewEvent('Raced', { writer, round })], { expectedRevision: 'any' });
          }),
        ),
      );
      for (const streamId of streams) {
        const stored = await log.store.readStream(streamId);
        expect(stored.map((event) => event.streamRevision)).toEqual(Array.from({ length: 12 }, (_, n) => n));
        expect(verifyChain(streamId, stored).ok).toBe(true);
      }
      const { events } = await log.store.readAll({ filter: { streamPrefixes: [prefix] } });
      expect(events.map((event) => event.recordedAt)).toEqual(events.map((event) => event.recordedAt).sort());
    } finally {
      await other.close();
      await log.dispose();
    }
  });
});

describe.each([
  ['PostgreSQL server', onServer],
  ['PGlite', inProcess],
])('group commit of concurrent appends on %s', (_name, openLog) => {
  let log: Log;
  beforeAll(async () => {
    log = await openLog();
  });
  afterAll(async () => {
    await log.dispose();
  });

  it('commits many concurrent appends to distinct streams together, at distinct gap-free positions in arrival order', async () => {
    const prefix = uniquePrefix('many');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, n) => log.store.appendToStream(`${prefix}${n}`, [aNewEvent('Appended', { n })], { expectedRevision: 'no-stream' })),
    );

    const positions = results.map((result) => result.lastGlobalPosition);
    expect(new Set(positions).size).toBe(200);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions[199] - positions[0]).toBe(199);
    const { events } = await log.store.readAll({ fromPosition: positions[0] - 1, filter: { streamPrefixes: [prefix] } });
    expect(events.map((event) => event.globalPosition)).toEqual(positions);
    expect(await transactionsThatWrote(log, prefix)).toBeLessThan(200);
  });

  it('refuses a conflicting append alone: the others of its group commit', async () => {
    const prefix = uniquePrefix('conflict');
    await log.store.appendToStream(`${prefix}existing`, [aNewEvent()], { expectedRevision: 'no-stream' });

    const conflicting = log.store.appendToStream(`${prefix}existing`, [aNewEvent('Stale')], { expectedRevision: 'no-stream' });
    const others = Array.from({ length: 10 }, (_, n) => log.store.appendToStream(`${prefix}other-${n}`, [aNewEvent('Fresh', { n })], { expectedRevision: 'no-stream' }));

    const error = await rejectionOf(conflicting);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId: `${prefix}existing`, expected: 'no-stream', actual: 0 });
    expect(fulfilled(await settle(others))).toHaveLength(10);
    expect(await log.store.readStream(`${prefix}existing`)).toHaveLength(1);
  });

  it('lets exactly one of many appends at the same expected revision win, and chains appends that follow each other in one group', async () => {
    const prefix = uniquePrefix('race');
    const streamId = `${prefix}1`;
    await log.store.appendToStream(streamId, [aNewEvent()], { expectedRevision: 'no-stream' });

    const raced = await settle(Array.from({ length: 20 }, (_, n) => log.store.appendToStream(streamId, [aNewEvent('Raced', { n })], { expectedRevision: 0 })));
    // Submitted together, the second names the revision the first creates: it sees the first's head.
    const chained = await Promise.all([
      log.store.appendToStream(`${prefix}2`, [aNewEvent('First')], { expectedRevision: 'no-stream' }),
      log.store.appendToStream(`${prefix}2`, [aNewEvent('Second')], { expectedRevision: 0 }),
      log.store.appendToStream(`${prefix}2`, [aNewEvent('Third'), aNewEvent('Fourth')], { expectedRevision: 1 }),
    ]);

    expect(fulfilled(raced)).toHaveLength(1);
    expect(rejected(raced).every((error) => error instanceof WrongExpectedRevisionError)).toBe(true);
    expect((await log.store.readStream(streamId)).map((event) => event.streamRevision)).toEqual([0, 1]);
    expect(chained.map((result) => result.nextExpectedRevision)).toEqual([0, 1, 3]);
    const second = await log.store.readStream(`${prefix}2`);
    expect(second.map((event) => event.type)).toEqual(['First', 'Second', 'Third', 'Fourth']);
    expect(verifyChain(`${prefix}2`, second).ok).toBe(true);
  });

  it('fails only the caller whose events the database refuses (an event id already in the log); the others commit', async () => {
    const prefix = uniquePrefix('refused');
    const reusedId = newEventId();
    await log.store.appendToStream(`${prefix}first`, [aNewEvent('Once', {}, { eventId: reusedId })], { expectedRevision: 'no-stream' });

    const duplicate = log.store.appendToStream(`${prefix}again`, [aNewEvent('Twice', {}, { eventId: reusedId })], { expectedRevision: 'no-stream' });
    const others = Array.from({ length: 10 }, (_, n) => log.store.appendToStream(`${prefix}other-${n}`, [aNewEvent('Fine', { n })], { expectedRevision: 'no-stream' }));
    // Two callers of one group with the same new event id: the first keeps it.
    const sharedId = newEventId();
    const twins = [1, 2].map((n) => log.store.appendToStream(`${prefix}twin-${n}`, [aNewEvent('Twin', { n }, { eventId: sharedId })], { expectedRevision: 'no-stream' }));

    expect(await rejectionOf(duplicate)).toMatchObject({ code: '23505' });
    const committed = fulfilled(await settle(others));
    expect(committed).toHaveLength(10);
    const positions = committed.map((result) => result.lastGlobalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const twinOutcomes = await settle(twins);
    expect(fulfilled(twinOutcomes)).toHaveLength(1);
    expect(rejected(twinOutcomes)[0]).toMatchObject({ code: '23505' });
    expect(await log.store.readStream(`${prefix}again`)).toEqual([]);
    const { events } = await log.store.readAll({ fromPosition: positions[0] - 1, filter: { streamPrefixes: [`${prefix}other-`] } });
    expect(events).toHaveLength(10);
  });

  it('stores concurrent appends of personal data in the encrypted form, each stream chained as stored', async () => {
    const policy: PersonalDataPolicy = { Opened: { subject: { field: 'callerId' }, fields: ['callerId'] } };
    const protectedStore = protectPersonalData(log.store, { keys: await sqlSubjectKeys(log.db, { schema: log.schema }), policy });
    // Closing the wrapper closes the store under it, and stops its LISTEN for erasures.
    log.store = protectedStore;
    const prefix = uniquePrefix('personal');
    const opened = (n: number): NewEvent => aNewEvent('Opened', { callerId: `caller-${n}`, priority: n });

    await Promise.all(Array.from({ length: 20 }, (_, n) => protectedStore.appendToStream(`${prefix}${n}`, [opened(n), aNewEvent('Noted')], { expectedRevision: 'no-stream' })));

    for (let n = 0; n < 20; n++) {
      const stored = await protectedStore.stored.readStream(`${prefix}${n}`);
      expect(isPiiEnvelope((stored[0].data as Record<string, unknown>)['callerId'])).toBe(true);
      expect(verifyChain(`${prefix}${n}`, stored).ok).toBe(true);
      expect((await protectedStore.readStream(`${prefix}${n}`))[0].data).toEqual({ callerId: `caller-${n}`, priority: n });
    }
  });
});
