import { join } from 'node:path';
import { readBenchConfig, scaled } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { profiled } from '../shared/cpu-profile';
import { formatInt, progress } from '../shared/report';
import { openOurs } from './finance-ours';

/*
 * Where a period close's time goes: the finance bench's seed (ours only), the period run BENCH_ROUNDS times, then the
 * close (run, publish, close) under the CPU profiler: `finance-close.cpuprofile` in BENCH_RESULTS_DIR (open in Chrome
 * DevTools) and the top frames by self time; NOPROF=1 prints the close's timings only.
 * Run: `npm run bench:finance-profile` (BENCH_SCALE, BENCH_ROUNDS, BENCH_RESULTS_DIR as for the bench).
 */
const main = async () => {
  const config = readBenchConfig();
  const sizes = { ledgerLines: scaled(config, 100_000, 1_000), usageRecords: scaled(config, 50_000, 500), services: scaled(config, 1_000, 20), costCenters: scaled(config, 200, 10), pools: scaled(config, 50, 5), workLogs: scaled(config, 3_000, 60) };
  const scratch = await createScratchDatabase(config.databaseUrl, 'finprof');
  const ours = await openOurs(scratch.connectionString, sizes);
  try {
    for (let round = 0; round < config.rounds; round++) progress(` run ${round + 1}: ${formatInt((await ours.run()).ms)} ms`);
    const closed = await profiled(join(config.resultsDir, 'finance-close.cpuprofile'), () => ours.closePeriod());
    process.stdout.write(`\nclose: run ${Math.round(closed.runMs)} publish ${Math.round(closed.publishMs)} close ${Math.round(closed.closeMs)} ms\n`);
  } finally {
    await ours.close();
    await scratch.drop();
  }
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
