import { randomBytes } from 'node:crypto';
import { createPgExecutor } from '../postgres/pg-executor.adapter';
import { createPgliteExecutor, openPglite } from '../postgres/pglite-executor.adapter';
import type { SqlExecutor } from '../postgres/sql-executor.port';
import { testDatabaseUrl } from '../postgres/test-database-url';
import { createExclusiveSections, type ExclusiveSections } from './exclusive-sections';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs sections on several owners at once; returns their [start, end] intervals. */
const overlapping = async (owners: ExclusiveSections[], key: string, perOwner: number) => {
  const intervals: Array<[number, number]> = [];
  await Promise.all(
    owners.flatMap((sections) =>
      Array.from({ length: perOwner }, () =>
        sections.run(key, async () => {
          const start = performance.now();
          await pause(15);
          intervals.push([start, performance.now()]);
        }),
      ),
    ),
  );
  intervals.sort((a, b) => a[0] - b[0]);
  return intervals.filter((interval, index) => index > 0 && interval[0] < intervals[index - 1][1]).length;
};

describe('exclusive sections shared by every process on one database', () => {
  const executors: SqlExecutor[] = [];
  afterAll(async () => {
    for (const executor of executors) await executor.close();
  });
  const serverExecutor = (max: number) => {
    const executor = createPgExecutor({ connectionString: testDatabaseUrl(), max });
    executors.push(executor);
    return executor;
  };

  it('on a PostgreSQL server, never lets two processes (two pools) inside one key at once', async () => {
    const key = `spec-${randomBytes(4).toString('hex')}`;
    const owners = [createExclusiveSections(serverExecutor(2)), createExclusiveSections(serverExecutor(2))];

    expect(await overlapping(owners, key, 4)).toBe(0);
  });

  it('releases the lock when the work fails, and other keys do not wait for it', async () => {
    const key = `spec-${randomBytes(4).toString('hex')}`;
    const sections = createExclusiveSections(serverExecutor(3));
    let release: () => void = () => undefined;
    const held = sections.run(key, () => new Promise<void>((resolve) => (release = resolve)));
    await pause(50);

    await expect(sections.run(`${key}-other`, async () => 'free')).resolves.toBe('free');
    release();
    await held;
    await expect(sections.run(key, async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(sections.run(key, async () => 'next')).resolves.toBe('next');
  });

  it('waiters hold no connection: work inside the section still gets one from the pool that holds the lock', async () => {
    const key = `spec-${randomBytes(4).toString('hex')}`;
    const executor = serverExecutor(2);
    const sections = createExclusiveSections(executor);

    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, index) => sections.run(key, async () => (await executor.query<{ n: number }>('SELECT $1::int AS n', [index]))[0].n)),
    );

    expect(answers.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('on PGlite (one process, one connection), runs the sections of a key one after another', async () => {
    const pglite = createPgliteExecutor(await openPglite(), { ownsDatabase: true });
    executors.push(pglite);

    expect(await overlapping([createExclusiveSections(pglite)], 'dependencies', 4)).toBe(0);
  });
});
