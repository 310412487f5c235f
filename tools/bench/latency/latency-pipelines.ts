import { randomBytes } from 'node:crypto';
import {
  createKafkaMessageBus,
  eventsTopic,
  fromCloudEventMessage,
  kafkaBrokersFromEnv,
  startEventRelay,
  type EventRelay,
  type MessageSubscription,
} from '@itsm/messaging';
import {
  ProjectionRuntime,
  streamHeadsProjection,
  type LiveSource,
} from '@itsm/projections';
import { incidentEvent } from '../event-store/incident-event';
import {
  openBenchLog,
  openPostgresLog,
  type BenchLog,
  type LogTarget,
} from '../shared/bench-log';
import type { BenchConfig } from '../shared/config';
import {
  BenchTopics,
  benchKafka,
  freshTopicPrefix,
} from '../shared/kafka-bench';

/** One way from an append to a projection row, set up and ready for events. */
export interface LatencyPipeline {
  /** Appends one event to a stream that does not exist yet. */
  append(streamId: string, sequence: number): Promise<void>;
  /**
   * Whether the stream's `stream_heads` row is visible to a reader: a query on a connection of its own (PostgreSQL)
   * or on the shared instance (PGlite), i.e. after the projection's transaction committed.
   */
  isVisible(streamId: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface PipelineSpec {
  id: string;
  title: string;
  /** p99 budget of the issue, ms. */
  targetMs: number;
  open(config: BenchConfig): Promise<LatencyPipeline>;
}

/** The audit projection `stream_heads` on the log's database, fed live from the log or pushed by a consumer. */
const openRuntime = (log: BenchLog, liveSource: LiveSource) =>
  ProjectionRuntime.create({
    db: log.executor(4),
    source: log.store,
    projections: [streamHeadsProjection],
    liveSource,
  });

const visibility = (log: BenchLog, runtime: ProjectionRuntime) => {
  const reader = log.executor(1);
  const table = runtime.tablesOf(streamHeadsProjection).stream_heads;
  return async (streamId: string): Promise<boolean> =>
    (
      await reader.query(`SELECT 1 FROM ${table} WHERE stream_id = $1`, [
        streamId,
      ])
    ).length > 0;
};

const appender =
  (log: BenchLog) => async (streamId: string, sequence: number) => {
    await log.store.appendToStream(streamId, [incidentEvent(sequence)], {
      expectedRevision: 'no-stream',
    });
  };

/** Embedded shape: the runtime follows `subscribeToAll` of the same store (NOTIFY-woken on PostgreSQL). */
const inProcess = (target: LogTarget): PipelineSpec => ({
  id: `in-process-${target}`,
  title: `in-process, ${target === 'postgres' ? 'PostgreSQL' : 'PGlite'}\nstore → subscribeToAll → projection`,
  targetMs: 50,
  async open(config) {
    const log = await openBenchLog(target, config, 'latency');
    try {
      const runtime = await openRuntime(log, 'event-store');
      await runtime.start();
      return {
        append: appender(log),
        isVisible: visibility(log, runtime),
        close: async () => {
          await runtime.stop();
          await log.close();
        },
      };
    } catch (error) {
      await log.close();
      throw error;
    }
  },
});

/**
 * Distributed shape: PostgreSQL store → EventRelay (our Kafka adapter, acks -1) → Kafka → a consumer group on a
 * second client → `runtime.handle` in 'pushed' mode (dedupe by stream revision, checkpoint in the rows' transaction).
 */
const throughKafka: PipelineSpec = {
  id: 'kafka-postgres',
  title:
    'through Kafka, PostgreSQL\nstore → relay → Kafka → consumer → projection',
  targetMs: 200,
  async open(config) {
    const log = await openPostgresLog(config, 'latency_kafka');
    const topicPrefix = freshTopicPrefix('latency');
    const topic = topicPrefix + eventsTopic('incidents');
    const topics = new BenchTopics(benchKafka('bench-latency-admin'));
    const relayBus = createKafkaMessageBus({
      brokers: kafkaBrokersFromEnv(),
      clientId: 'bench-latency-relay',
    });
    const consumerBus = createKafkaMessageBus({
      brokers: kafkaBrokersFromEnv(),
      clientId: 'bench-latency-consumer',
    });
    const relayExecutor = log.executor(2);
    let subscription: MessageSubscription | undefined;
    let relay: EventRelay | undefined;
    let runtime: ProjectionRuntime | undefined;
    const closeAll = async () => {
      await subscription?.stop();
      await relay?.stop();
      await Promise.allSettled([relayBus.close(), consumerBus.close()]);
      await runtime?.stop();
      await topics.deleteAll().catch(() => undefined);
      await log.close();
    };
    try {
      await topics.create([topic]);
      const pushed = await openRuntime(log, 'pushed');
      runtime = pushed;
      subscription = await consumerBus.subscribe({
        groupId: `bench-latency-${randomBytes(4).toString('hex')}`,
        topics: [topic],
        fromBeginning: true,
        handler: (message) => pushed.handle([fromCloudEventMessage(message)]),
      });
      relay = await startEventRelay({
        store: log.store,
        bus: relayBus,
        executor: relayExecutor,
        name: 'bench_latency',
        topicPrefix,
      });
      return {
        append: appender(log),
        isVisible: visibility(log, pushed),
        close: closeAll,
      };
    } catch (error) {
      await closeAll();
      throw error;
    }
  },
};

/** The pipelines BENCH_TARGETS allows (Kafka needs PostgreSQL). */
export const latencyPipelines = (
  targets: readonly LogTarget[],
): PipelineSpec[] => [
  ...targets.map(inProcess),
  ...(targets.includes('postgres') ? [throughKafka] : []),
];
