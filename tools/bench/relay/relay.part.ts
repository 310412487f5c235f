import { cpus } from 'node:os';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { BenchPart } from '../shared/bench-part';
import { openPostgresLog } from '../shared/bench-log';
import { scaled, type BenchConfig } from '../shared/config';
import {
  BenchTopics,
  benchKafka,
  freshTopicPrefix,
} from '../shared/kafka-bench';
import { readWholeLog } from '../shared/read-log';
import { formatInt, progress, writeJsonResult } from '../shared/report';
import { seedLog } from '../shared/seed-log';
import { summarize } from '../shared/stats';
import { targetOutcome } from '../shared/target-summary';
import { verdict } from '../shared/target-verdict';
import {
  oursRelay,
  rawProducer,
  relayTopics,
  type RelayContender,
  type RelaySample,
} from './relay-contenders';
import {
  printRelayTable,
  type RelayContenderResult,
  type RelayResult,
} from './relay.table';

/** The relay's default batch size, which the raw producer uses too. */
const BATCH_SIZE = 500;
/** Seeded 10 events per append: the relay reads the log, not how it was written (and seeding stays short). */
const EVENTS_PER_APPEND = 10;
/** The target: ours at least this share of the raw producer's events/s. */
const TARGET_RATIO = 0.8;

const CONTENDERS: readonly RelayContender[] = [oursRelay, rawProducer];

const runRounds = async (
  config: BenchConfig,
  events: readonly RecordedEvent[],
  run: (contender: RelayContender, topicPrefix: string) => Promise<RelaySample>,
  topics: BenchTopics,
): Promise<Map<string, { samples: RelaySample[]; notes: string[] }>> => {
  const results = new Map(
    CONTENDERS.map(({ name }) => [
      name,
      { samples: [] as RelaySample[], notes: [] as string[] },
    ]),
  );
  for (let round = 0; round < config.rounds; round++) {
    // Who goes first rotates, so a drift of the shared machine spreads over both.
    const shift = round % CONTENDERS.length;
    for (const contender of [
      ...CONTENDERS.slice(shift),
      ...CONTENDERS.slice(0, shift),
    ]) {
      const result = results.get(contender.name);
      if (!result) continue;
      const topicPrefix = freshTopicPrefix('relay');
      const roundTopics = relayTopics(events, topicPrefix);
      await topics.create(roundTopics);
      const sample = await run(contender, topicPrefix);
      // Each topic also holds the one warm-up message sent before the clock started.
      const expected = events.length + roundTopics.length;
      const onKafka = await topics.messageCount(roundTopics);
      if (onKafka !== expected)
        result.notes.push(
          `round ${round + 1}: ${onKafka} messages on Kafka, expected ${expected}`,
        );
      result.samples.push(sample);
      progress(
        `[relay] round ${round + 1}/${config.rounds} ${contender.name}: ${formatInt((sample.events / sample.totalMs) * 1000)} ev/s in ${sample.batches} batches`,
      );
    }
  }
  return results;
};

export const relayPart: BenchPart = {
  name: 'relay',
  async run(config) {
    const size = {
      events: scaled(config, 20_000, 1_000),
      streams: scaled(config, 1_000, 50),
      batchSize: BATCH_SIZE,
    };
    progress(
      `[relay] ${size.events} events over ${size.streams} streams in PostgreSQL → Kafka, batches of ${BATCH_SIZE}, ${config.rounds} rounds (BENCH_SCALE=${config.scale})`,
    );
    const log = await openPostgresLog(config, 'relay');
    const topics = new BenchTopics(benchKafka('bench-relay-admin'));
    try {
      await seedLog(log.store, {
        ...size,
        eventsPerAppend: EVENTS_PER_APPEND,
        label: '[relay]',
      });
      const events: RecordedEvent[] = [];
      await readWholeLog(log.store, 5000, (page) => events.push(...page));
      const rounds = await runRounds(
        config,
        events,
        (contender, topicPrefix) =>
          contender.run({ log, events, topicPrefix, batchSize: BATCH_SIZE }),
        topics,
      );
      const contenders: RelayContenderResult[] = CONTENDERS.map(({ name }) => {
        const { samples, notes } = rounds.get(name) ?? {
          samples: [],
          notes: [],
        };
        const measurement = summarize(
          samples.map((sample) => ({ ...sample, notes })),
        );
        const batches = samples.reduce(
          (sum, sample) => sum + sample.batches,
          0,
        );
        const publishingMs = samples.reduce(
          (sum, sample) => sum + sample.latenciesMs.reduce((a, b) => a + b, 0),
          0,
        );
        return {
          name,
          measurement,
          batches,
          meanBatchSize: measurement.events / Math.max(1, batches),
          publishShare: publishingMs / Math.max(1, measurement.totalMs),
        };
      });
      const [ours, raw] = contenders;
      const ratio = raw.measurement.eventsPerSec
        ? ours.measurement.eventsPerSec / raw.measurement.eventsPerSec
        : null;
      const result: RelayResult = {
        size,
        rounds: config.rounds,
        contenders,
        ratio,
        target: verdict(
          `≥ ${Math.round(TARGET_RATIO * 100)}% of raw`,
          ratio === null ? null : ratio >= TARGET_RATIO,
        ),
      };
      printRelayTable(result);
      const path = await writeJsonResult(config.resultsDir, 'relay', {
        part: 'relay',
        finishedAt: new Date().toISOString(),
        scale: config.scale,
        machine: { cpus: cpus().length, node: process.version },
        ...result,
      });
      progress(`relay results written to ${path}`);
      return [
        targetOutcome(
          'relay',
          'log → Kafka: ours ÷ raw kafkajs producer',
          {
            value: `${formatInt(ours.measurement.eventsPerSec)} ev/s`,
            amount: ours.measurement.eventsPerSec,
            ratio,
          },
          result.target,
        ),
      ];
    } finally {
      await topics
        .deleteAll()
        .catch((error: unknown) =>
          progress(`[relay] deleting topics failed: ${String(error)}`),
        );
      await log.close();
    }
  },
};
