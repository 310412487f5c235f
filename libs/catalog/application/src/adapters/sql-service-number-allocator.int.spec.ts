import { randomUUID } from 'node:crypto';
import { createPgExecutor, type SqlExecutor } from '@itsm/event-store';
import { SqlServiceNumberAllocator } from './sql-service-number-allocator.adapter';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

describe('SqlServiceNumberAllocator on PostgreSQL', () => {
  const schema = `catalog_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  // Two pools stand for two processes of the service.
  let first: SqlExecutor;
  let second: SqlExecutor;

  beforeAll(() => {
    first = createPgExecutor({ connectionString: databaseUrl, max: 4 });
    second = createPgExecutor({ connectionString: databaseUrl, max: 4 });
  });
  afterAll(async () => {
    await first.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await first.close();
    await second.close();
  });

  it('starts at SVC0000001 and never hands out a number twice across processes', async () => {
    const a = new SqlServiceNumberAllocator(first, schema);
    const b = new SqlServiceNumberAllocator(second, schema);
    const numbers = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a : b).next()));
    expect(new Set(numbers).size).toBe(100);
    expect([...numbers].sort()).toEqual(Array.from({ length: 100 }, (_, i) => `SVC${String(i + 1).padStart(7, '0')}`));
  });

  it('continues after a restart instead of starting over', async () => {
    const restarted = new SqlServiceNumberAllocator(first, schema);
    expect(await restarted.next()).toBe('SVC0000101');
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => new SqlServiceNumberAllocator(first, 'catalog; DROP TABLE x')).toThrow(/Invalid schema name/);
  });
});
