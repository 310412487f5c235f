import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { waitUntil } from '@itsm/event-sourcing';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { isProcessRunning } from './process-liveness';

const query = async (server: EmbeddedPostgres, text: string) => {
  const client = new Client({ connectionString: server.connectionString });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
};

describe('a PostgreSQL server in a folder, started and stopped by this process', () => {
  jest.setTimeout(120_000);
  let folder: string;
  const running: EmbeddedPostgres[] = [];
  const start = async (onUnexpectedExit?: () => void) => {
    const server = await startEmbeddedPostgres({ directory: join(folder, 'postgres'), onUnexpectedExit });
    running.push(server);
    return server;
  };
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'itsm-embedded-pg-'))));
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('initialises a durable cluster on first start, serves its database, and keeps the data across a clean stop', async () => {
    const first = await start();
    await query(first, 'CREATE TABLE notes (text text); INSERT INTO notes VALUES ($$kept$$)');
    expect(await query(first, "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync, current_setting('listen_addresses') AS tcp")).toEqual([
      { fsync: 'on', sync: 'on', tcp: '' },
    ]);

    await first.stop();
    expect(existsSync(join(folder, 'postgres', 'postmaster.pid'))).toBe(false);
    const second = await start();

    expect(await query(second, 'SELECT text FROM notes')).toEqual([{ text: 'kept' }]);
  });

  it('recovers every committed row after the server itself is killed with SIGKILL (what power loss leaves)', async () => {
    let unexpected = 0;
    const first = await start(() => unexpected++);
    await query(first, 'CREATE TABLE acks (n integer)');
    for (let n = 1; n <= 50; n++) await query(first, `INSERT INTO acks VALUES (${n})`);

    process.kill(first.pid, 'SIGKILL');
    await first.exited;
    const second = await start();

    expect(unexpected).toBe(1);
    expect(await query(second, 'SELECT count(*)::int AS n, max(n) AS last FROM acks')).toEqual([{ n: 50, last: 50 }]);
  });

  it('shuts down a server an earlier owner left running on the folder, then serves the same data', async () => {
    const leftover = await start();
    await query(leftover, 'CREATE TABLE left_behind (n integer); INSERT INTO left_behind VALUES (7)');

    const successor = await start();
    await waitUntil(`the leftover server (pid ${leftover.pid}) to be gone`, () => !isProcessRunning(leftover.pid), 30_000);

    expect(isProcessRunning(leftover.pid)).toBe(false);
    expect(successor.pid).not.toBe(leftover.pid);
    expect(await query(successor, 'SELECT n FROM left_behind')).toEqual([{ n: 7 }]);
  });

  it('refuses a folder that holds files but no cluster, and leaves them untouched', async () => {
    mkdirSync(join(folder, 'postgres'));
    writeFileSync(join(folder, 'postgres', 'notes.txt'), 'mine');

    await expect(start()).rejects.toThrow(/holds files but no PostgreSQL cluster/);
    expect(readFileSync(join(folder, 'postgres', 'notes.txt'), 'utf8')).toBe('mine');
  });
});
