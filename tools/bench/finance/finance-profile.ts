import { writeFile } from 'node:fs/promises';
import { Session, type Profiler } from 'node:inspector';
import { readBenchConfig, scaled } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { formatInt, progress } from '../shared/report';
import { openOurs } from './finance-ours';

/*
 * Where a period close's time goes: the finance bench's seed (ours only), the period run BENCH_ROUNDS times, then the
 * close (run, publish, close) under the CPU profiler: `finance-close.cpuprofile` in BENCH_RESULTS_DIR (open in Chrome
 * DevTools) and the top frames by self time; NOPROF=1 prints the close's timings only.
 * Run: `npm run bench:finance-profile` (BENCH_SCALE, BENCH_ROUNDS, BENCH_RESULTS_DIR as for the bench).
 */
const post = <T>(session: Session, method: string): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));

const top = (profile: Profiler.Profile, count: number): string[] => {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples?.forEach((id, index) => {
    const delta = profile.timeDeltas?.[index] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    const where = frame?.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^.*?\/(libs|tools)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const name = `${frame?.functionName || '(anonymous)'} ${where}`.trim();
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${formatInt(micros / 1000).padStart(6)} ms  ${name}`);
};

const main = async () => {
  const config = readBenchConfig();
  const sizes = { ledgerLines: scaled(config, 100_000, 1_000), usageRecords: scaled(config, 50_000, 500), services: scaled(config, 1_000, 20), costCenters: scaled(config, 200, 10), pools: scaled(config, 50, 5), workLogs: scaled(config, 3_000, 60) };
  const scratch = await createScratchDatabase(config.databaseUrl, 'finprof');
  const ours = await openOurs(scratch.connectionString, sizes);
  const session = new Session();
  session.connect();
  try {
    for (let round = 0; round < config.rounds; round++) progress(` run ${round + 1}: ${formatInt((await ours.run()).ms)} ms`);
    if (!process.env.NOPROF) await post(session, 'Profiler.enable');
    if (!process.env.NOPROF) await post(session, 'Profiler.start');
    const closed = await ours.closePeriod();
    process.stdout.write(`\nclose: run ${Math.round(closed.runMs)} publish ${Math.round(closed.publishMs)} close ${Math.round(closed.closeMs)} ms\n`);
    if (!process.env.NOPROF) {
      const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
      await writeFile(`${config.resultsDir}/finance-close.cpuprofile`, JSON.stringify(profile));
      process.stdout.write(`${top(profile, 40).join('\n')}\n`);
    }
  } finally {
    session.disconnect();
    await ours.close();
    await scratch.drop();
  }
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
