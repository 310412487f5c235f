import { Client } from 'pg';
import { signAccessToken } from '@itsm/platform-kit';
import { createScratchDatabase } from '../shared/postgres-database';
import { startBenchApp } from './app-process';
import { serviceBody } from './http-cases';
import { BENCH_JWT_SECRET } from './http-contenders';

/**
 * What one `POST /api/v1/services` costs the database, counted by the server (pg_stat_database), so the figure does
 * not depend on how loaded the machine is: transactions (every autocommit statement is one) and rows written per
 * request, idle activity (polls) subtracted. Runs apps/platform on a scratch database of TX_DATABASE_URL, registers
 * TX_REQUESTS services one after another, then as many again TX_CONCURRENCY at a time.
 *
 *   TS_NODE_PROJECT=tools/bench/tsconfig.json TS_NODE_BASEURL=../.. node -r ts-node/register/transpile-only \
 *     -r tsconfig-paths/register tools/bench/http/transactions-per-request.ts
 */
interface Counters {
  at: number;
  transactions: number;
  rowsWritten: number;
}

const SETTLE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const main = async () => {
  const adminUrl = process.env['TX_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const requests = Number(process.env['TX_REQUESTS'] ?? 40);
  const concurrency = Number(process.env['TX_CONCURRENCY'] ?? 10);
  const database = await createScratchDatabase(adminUrl, 'tx_count');
  const app = await startBenchApp('platform', {
    ITSM_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    ITSM_JWT_SECRET: BENCH_JWT_SECRET,
    DATABASE_URL: database.connectionString,
  });
  const stats = new Client({ connectionString: adminUrl });
  await stats.connect();
  const counters = async (): Promise<Counters> => {
    // The server reports a backend's figures at most once a second: let them arrive.
    await sleep(SETTLE_MS);
    await stats.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await stats.query<{ transactions: string; rows_written: string }>(
      `SELECT xact_commit + xact_rollback AS transactions, tup_inserted + tup_updated + tup_deleted AS rows_written
       FROM pg_stat_database WHERE datname = $1`,
      [database.name],
    );
    return { at: Date.now(), transactions: Number(rows[0].transactions), rowsWritten: Number(rows[0].rows_written) };
  };
  try {
    const token = await signAccessToken({ sub: 'bench', roles: ['admin'] }, { secret: new TextEncoder().encode(BENCH_JWT_SECRET) });
    let sequence = 0;
    const register = async () => {
      const response = await fetch(`${app.baseUrl}/api/v1/services`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: serviceBody(`tx-count-${sequence++}`),
      });
      if (response.status !== 201) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
    };
    for (let warm = 0; warm < 5; warm++) await register();

    const idleStart = await counters();
    await sleep(10_000);
    const idleEnd = await counters();
    const idlePerMs = (idleEnd.transactions - idleStart.transactions) / (idleEnd.at - idleStart.at);
    const idleRowsPerMs = (idleEnd.rowsWritten - idleStart.rowsWritten) / (idleEnd.at - idleStart.at);

    const measure = async (label: string, run: () => Promise<void>) => {
      const before = await counters();
      await run();
      const after = await counters();
      const elapsed = after.at - before.at;
      const transactions = (after.transactions - before.transactions - idlePerMs * elapsed) / requests;
      const rows = (after.rowsWritten - before.rowsWritten - idleRowsPerMs * elapsed) / requests;
      process.stdout.write(`${label.padEnd(28)} ${transactions.toFixed(1).padStart(6)} transactions, ${rows.toFixed(1).padStart(6)} rows written per POST\n`);
    };
    process.stdout.write(`idle: ${(idlePerMs * 1000).toFixed(1)} transactions a second\n`);
    await measure('one at a time', async () => {
      for (let n = 0; n < requests; n++) await register();
    });
    await measure(`${concurrency} at a time`, async () => {
      for (let n = 0; n < requests; n += concurrency) await Promise.all(Array.from({ length: Math.min(concurrency, requests - n) }, register));
    });
  } finally {
    await stats.end();
    await app.stop();
    await database.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
