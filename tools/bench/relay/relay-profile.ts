import { join } from 'node:path';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { openPostgresLog } from '../shared/bench-log';
import { readBenchConfig, scaled } from '../shared/config';
import { BenchTopics, benchKafka, freshTopicPrefix } from '../shared/kafka-bench';
import { readWholeLog } from '../shared/read-log';
import { profiled } from '../shared/cpu-profile';
import { formatInt, progress } from '../shared/report';
import { seedLog } from '../shared/seed-log';
import { oursRelay, rawProducer, relayTopics, type RelayContender } from './relay-contenders';

/**
 * The relay bench's two contenders under the CPU profiler, each profiled only while it runs (not seeding, not
 * start-up): `<contender>.cpuprofile` in BENCH_RESULTS_DIR (open in Chrome DevTools) and its top frames by self time.
 * Run: `npm run bench:relay-profile` (BENCH_SCALE, BENCH_ROUNDS, BENCH_RESULTS_DIR as for the bench).
 */
const main = async () => {
  const config = readBenchConfig();
  const size = { events: scaled(config, 20_000, 1_000), streams: scaled(config, 1_000, 50) };
  const log = await openPostgresLog(config, 'relayprof');
  const topics = new BenchTopics(benchKafka('bench-relay-profile'));
  try {
    await seedLog(log.store, { ...size, eventsPerAppend: 10, label: '[relay-profile]' });
    const events: RecordedEvent[] = [];
    await readWholeLog(log.store, 5000, (page) => events.push(...page));
    for (const contender of [oursRelay, rawProducer] as RelayContender[]) {
      const file = join(config.resultsDir, `relay-${contender.name.replace(/\W+/g, '-')}.cpuprofile`);
      await profiled(
        file,
        async () => {
          for (let round = 0; round < config.rounds; round++) {
            const topicPrefix = freshTopicPrefix('relayprof');
            await topics.create(relayTopics(events, topicPrefix));
            const sample = await contender.run({ log, events, topicPrefix, batchSize: 500 });
            progress(`[relay-profile] ${contender.name} round ${round + 1}/${config.rounds}: ${formatInt((sample.events / sample.totalMs) * 1000)} ev/s`);
          }
        },
        20,
      );
    }
  } finally {
    await topics.deleteAll().catch(() => undefined);
    await log.close();
  }
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
