import { randomBytes } from 'node:crypto';
import { createPgExecutor } from '../postgres/pg-executor.adapter';
import { createPgliteExecutor, openPglite } from '../postgres/pglite-executor.adapter';
import type { SqlExecutor } from '../postgres/sql-executor.port';
import { testDatabaseUrl } from '../postgres/test-database-url';
import { SqlNumberSequence } from './sql-number-sequence';

const numbered = (prefix: string, from: number, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(from + i).padStart(7, '0')}`);

/** `count` calls at once, alternating between two sequences (two executors stand for two processes). */
const drawTogether = (first: SqlNumberSequence, second: SqlNumberSequence, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => (i % 2 === 0 ? first : second).next()));

/** `count` calls one after another, alternating: each answers after the previous one did. */
const drawInTurn = async (first: SqlNumberSequence, second: SqlNumberSequence, count: number) => {
  const drawn: string[] = [];
  for (let i = 0; i < count; i++) drawn.push(await (i % 2 === 0 ? first : second).next());
  return drawn;
};

describe('SqlNumberSequence', () => {
  describe('on a PostgreSQL server', () => {
    const schema = `numbers_test_${randomBytes(6).toString('hex')}`;
    // Two pools stand for two processes.
    let first: SqlExecutor;
    let second: SqlExecutor;

    beforeAll(() => {
      first = createPgExecutor({ connectionString: testDatabaseUrl(), max: 4 });
      second = createPgExecutor({ connectionString: testDatabaseUrl(), max: 4 });
    });
    afterAll(async () => {
      await first?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await first?.close();
      await second?.close();
    });

    it('creates schema and sequence from two processes at once; concurrent calls get distinct numbers, later calls higher ones', async () => {
      const options = { schema, sequence: 'widget_numbers', prefix: 'WID' };
      const [a, b] = [new SqlNumberSequence(first, options), new SqlNumberSequence(second, options)];

      expect((await drawTogether(a, b, 100)).sort()).toEqual(numbered('WID', 1, 100));
      expect(await drawInTurn(a, b, 6)).toEqual(numbered('WID', 101, 6));
    });

    it('continues after a restart instead of starting over, and keeps sequences of one schema apart', async () => {
      expect(await new SqlNumberSequence(first, { schema, sequence: 'widget_numbers', prefix: 'WID' }).next()).toBe('WID0000107');
      expect(await new SqlNumberSequence(second, { schema, sequence: 'gadget_numbers', prefix: 'GAD' }).next()).toBe('GAD0000001');
    });
  });

  describe('on PGlite', () => {
    it('draws the numbers asked for while a draw is on its way in one statement, in the order they were asked', async () => {
      const pglite = await openPglite();
      const db = createPgliteExecutor(pglite, { ownsDatabase: true });
      const statements: string[] = [];
      const counted: SqlExecutor = Object.assign(Object.create(db) as SqlExecutor, {
        query: (sql: string, params?: unknown[]) => {
          statements.push(sql);
          return db.query(sql, params);
        },
      });
      try {
        const sequence = new SqlNumberSequence(counted, { schema: 'catalog', sequence: 'ticket_numbers', prefix: 'TIC' });
        await sequence.next();
        statements.length = 0;

        const drawn = await Promise.all(Array.from({ length: 10 }, () => sequence.next()));

        expect(drawn).toEqual(numbered('TIC', 2, 10));
        // The first call draws alone; the nine made while it was on its way share the next statement.
        expect(statements.filter((sql) => sql.includes('nextval'))).toHaveLength(2);
      } finally {
        await db.close();
      }
    });

    it('hands out each number once to two executors on one database, and more digits past 9999999', async () => {
      const pglite = await openPglite();
      const first = createPgliteExecutor(pglite, { ownsDatabase: false });
      const second = createPgliteExecutor(pglite, { ownsDatabase: false });
      try {
        const options = { schema: 'catalog', sequence: 'calendar_numbers', prefix: 'CAL' };
        const [a, b] = [new SqlNumberSequence(first, options), new SqlNumberSequence(second, options)];

        expect((await drawTogether(a, b, 40)).sort()).toEqual(numbered('CAL', 1, 40));
        expect(await drawInTurn(a, b, 4)).toEqual(numbered('CAL', 41, 4));
        await first.exec(`SELECT setval('catalog.calendar_numbers', 9999999)`);
        expect(await new SqlNumberSequence(second, options).next()).toBe('CAL10000000');
      } finally {
        await pglite.close();
      }
    });
  });

  it('takes a unique violation while creating (another process won the race) as "it exists"; other failures are retried on the next call', async () => {
    const scripts: string[] = [];
    const failures = [{ code: '23505' }];
    const fake = (failWith: Array<object | undefined>) =>
      ({
        exec: async (script: string) => {
          scripts.push(script);
          const failure = failWith.shift();
          if (failure) throw Object.assign(new Error('ddl failed'), failure);
        },
        query: async () => [{ value: '7' }],
      }) as unknown as SqlExecutor;
    const options = { schema: 'incidents', sequence: 'incident_numbers', prefix: 'INC' };

    expect(await new SqlNumberSequence(fake(failures), options).next()).toBe('INC0000007');
    expect(scripts).toHaveLength(2);
    const denied = new SqlNumberSequence(fake([{ code: '42501' }]), options);
    await expect(denied.next()).rejects.toThrow('ddl failed');
    expect(await denied.next()).toBe('INC0000007');
    expect(await denied.next()).toBe('INC0000007');
    expect(scripts).toHaveLength(4);
  });

  it('refuses a schema or sequence name that is not a plain identifier (before any SQL)', () => {
    const db = {} as SqlExecutor;
    expect(() => new SqlNumberSequence(db, { schema: 'catalog; DROP TABLE x', sequence: 'n', prefix: 'X' })).toThrow(/Invalid schema name/);
    expect(() => new SqlNumberSequence(db, { schema: 'catalog', sequence: 'Numbers', prefix: 'X' })).toThrow(/Invalid sequence name/);
  });
});
