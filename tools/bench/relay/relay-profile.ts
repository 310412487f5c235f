import { mkdir, writeFile } from 'node:fs/promises';
import { Session, type Profiler } from 'node:inspector';
import { join } from 'node:path';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { openPostgresLog } from '../shared/bench-log';
import { readBenchConfig, scaled } from '../shared/config';
import { BenchTopics, benchKafka, freshTopicPrefix } from '../shared/kafka-bench';
import { readWholeLog } from '../shared/read-log';
import { formatInt, progress } from '../shared/report';
import { seedLog } from '../shared/seed-log';
import { oursRelay, rawProducer, relayTopics, type RelayContender } from './relay-contenders';

/**
 * The relay bench's two contenders under the CPU profiler, each profiled only while it runs (not seeding, not
 * start-up): `<contender>.cpuprofile` in BENCH_RESULTS_DIR (open in Chrome DevTools) and its top frames by self time.
 * Run: `npm run bench:relay-profile` (BENCH_SCALE, BENCH_ROUNDS, BENCH_RESULTS_DIR as for the bench).
 */
const post = <T>(session: Session, method: string): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));

const topSelfFrames = (profile: Profiler.Profile, count: number): string[] => {
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
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${formatInt(micros / 1000).padStart(6)} ms  ${name}`);
};

const main = async () => {
  const config = readBenchConfig();
  const size = { events: scaled(config, 20_000, 1_000), streams: scaled(config, 1_000, 50) };
  const log = await openPostgresLog(config, 'relayprof');
  const topics = new BenchTopics(benchKafka('bench-relay-profile'));
  const session = new Session();
  session.connect();
  try {
    await seedLog(log.store, { ...size, eventsPerAppend: 10, label: '[relay-profile]' });
    const events: RecordedEvent[] = [];
    await readWholeLog(log.store, 5000, (page) => events.push(...page));
    for (const contender of [oursRelay, rawProducer] as RelayContender[]) {
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.start');
      let eventsPerSec = 0;
      for (let round = 0; round < config.rounds; round++) {
        const topicPrefix = freshTopicPrefix('relayprof');
        await topics.create(relayTopics(events, topicPrefix));
        const sample = await contender.run({ log, events, topicPrefix, batchSize: 500 });
        eventsPerSec = (sample.events / sample.totalMs) * 1000;
        progress(`[relay-profile] ${contender.name} round ${round + 1}/${config.rounds}: ${formatInt(eventsPerSec)} ev/s`);
      }
      const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
      await mkdir(config.resultsDir, { recursive: true });
      const file = join(config.resultsDir, `relay-${contender.name.replace(/\W+/g, '-')}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      process.stdout.write(`\n${contender.name} (${file}), top frames by self time:\n${topSelfFrames(profile, 20).join('\n')}\n`);
    }
  } finally {
    session.disconnect();
    await topics.deleteAll().catch(() => undefined);
    await log.close();
  }
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
