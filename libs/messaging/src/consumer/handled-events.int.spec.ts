import type { SqlSession } from '@itsm/event-store';
import { HandledEvents } from './handled-events';
import {
  openPgliteTestDatabase,
  openPostgresTestDatabase,
  type ConsumerTestDatabase,
} from './testing/consumer-test-databases';

const cases: [string, () => Promise<ConsumerTestDatabase> | ConsumerTestDatabase][] = [
  ['PGlite', openPgliteTestDatabase],
  ['PostgreSQL', openPostgresTestDatabase],
];

describe.each(cases)('HandledEvents on %s', (_name, open) => {
  let db: ConsumerTestDatabase;
  let handled: HandledEvents;
  const insertEffect = (value: string) => async (tx: SqlSession) => {
    await tx.query(`INSERT INTO "${db.schema}".effects (value) VALUES ($1)`, [value]);
  };
  const effects = async () =>
    (await db.executor.query<{ value: string }>(`SELECT value FROM "${db.schema}".effects ORDER BY value`)).map(
      (row) => row.value,
    );

  // One database per adapter (PGlite takes a while to open); each test uses its own event ids.
  beforeAll(async () => {
    db = await open();
    handled = new HandledEvents(db.executor, db.schema);
    await handled.ensureTable();
    await handled.ensureTable(); // a second consumer starting on the same database
    await db.executor.exec(`CREATE TABLE "${db.schema}".effects (value text NOT NULL)`);
  });
  beforeEach(() => db.executor.exec(`TRUNCATE "${db.schema}".effects`));
  afterAll(() => db.dispose());

  it('applies the effect of an event once per consumer, and says whether it ran', async () => {
    expect(await handled.runOnce('directory', 'event-1', insertEffect('a'))).toBe(true);
    expect(await handled.runOnce('directory', 'event-1', insertEffect('b'))).toBe(false);
    expect(await handled.runOnce('billing', 'event-1', insertEffect('c'))).toBe(true);
    expect(await effects()).toEqual(['a', 'c']);
    expect(await handled.wasHandled('directory', 'event-1')).toBe(true);
  });

  it('records nothing when the effect fails, so the next delivery applies it', async () => {
    const failing = async (tx: SqlSession) => {
      await insertEffect('half-done')(tx);
      throw new Error('effect failed');
    };
    await expect(handled.runOnce('directory', 'event-2', failing)).rejects.toThrow('effect failed');
    expect(await handled.wasHandled('directory', 'event-2')).toBe(false);
    expect(await handled.runOnce('directory', 'event-2', insertEffect('done'))).toBe(true);
    expect(await effects()).toEqual(['done']);
  });

  it('lets one of two concurrent deliveries of an event apply its effect', async () => {
    const results = await Promise.all([
      handled.runOnce('directory', 'event-3', insertEffect('first')),
      handled.runOnce('directory', 'event-3', insertEffect('second')),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await effects()).toHaveLength(1);
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => new HandledEvents(db.executor, 'x"; DROP TABLE y; --')).toThrow(/plain SQL schema name/);
  });
});
