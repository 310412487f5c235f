import { randomBytes } from 'node:crypto';
import type { RecordedEvent } from '@itsm/event-sourcing';
import {
  createKafkaMessageBus,
  EventRelay,
  KAFKA_PARTITIONER,
  kafkaBrokersFromEnv,
  toCloudEventMessage,
  type MessageBus,
  type OutgoingMessage,
} from '@itsm/messaging';
import type { Message } from 'kafkajs';
import type { BenchLog } from '../shared/bench-log';
import { benchKafka } from '../shared/kafka-bench';
import { elapsedMs, timed, type Sample } from '../shared/stats';

/** What one contender is given for one round: the log to relay and the topics it publishes to. */
export interface RelayRound {
  log: BenchLog;
  /** Every event of the log, read beforehand (the raw producer's input; ours reads the log itself). */
  events: readonly RecordedEvent[];
  topicPrefix: string;
  batchSize: number;
}

/** A round's measurement plus the batch sizes the contender actually sent. */
export interface RelaySample extends Sample {
  batches: number;
}

export interface RelayContender {
  name: string;
  run(round: RelayRound): Promise<RelaySample>;
}

const prefixed = (
  message: OutgoingMessage,
  prefix: string,
): OutgoingMessage => ({ ...message, topic: prefix + message.topic });

/**
 * One message to each of the round's topics, published before the clock starts: connecting the producer and fetching
 * the new topics' metadata (leaders) is not what is measured. They are counted on the topics with the events.
 */
const warmUpMessages = (topics: readonly string[]): OutgoingMessage[] =>
  topics.map((topic) => ({
    topic,
    key: 'warm-up',
    value: Buffer.from('{}'),
    headers: {},
  }));

/** The topics a round publishes to (created beforehand, deleted after the part); a stream's events share a topic. */
export const relayTopics = (
  events: readonly RecordedEvent[],
  prefix: string,
): string[] => {
  const oneEventPerStream = new Map(events.map((event) => [event.streamId, event]));
  return [
    ...new Set(
      [...oneEventPerStream.values()].map(
        (event) => prefixed(toCloudEventMessage(event), prefix).topic,
      ),
    ),
  ];
};

/** Times each publish: the per-batch figure of the table (broker acknowledgement included). */
const timingBus = (bus: MessageBus, latencies: number[]): MessageBus => ({
  publish: (messages) => timed(latencies, () => bus.publish(messages)),
  subscribe: (options) => bus.subscribe(options),
  ping: () => bus.ping(),
  close: () => bus.close(),
});

const POLL_MS = 2;

/**
 * Ours: an `EventRelay` (new name, so it starts from an empty checkpoint) on our Kafka adapter, from `start()` until
 * its durable checkpoint reaches the log's last event: reading the log, mapping, publishing and checkpointing.
 */
export const oursRelay: RelayContender = {
  name: 'ours (EventRelay)',
  async run({ log, events, topicPrefix, batchSize }) {
    const bus = createKafkaMessageBus({
      brokers: kafkaBrokersFromEnv(),
      clientId: 'bench-relay-ours',
    });
    const executor = log.executor(2);
    const latencies: number[] = [];
    const errors: string[] = [];
    const head = events[events.length - 1].globalPosition;
    try {
      await bus.publish(warmUpMessages(relayTopics(events, topicPrefix)));
      const relay = new EventRelay({
        store: log.store,
        bus: timingBus(bus, latencies),
        executor,
        name: `bench_${randomBytes(4).toString('hex')}`,
        topicPrefix,
        batchSize,
        onError: (error) => errors.push(String(error)),
      });
      const start = process.hrtime.bigint();
      await relay.start();
      while ((relay.progress().lastPosition ?? -1) < head) {
        if (errors.length) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      const totalMs = elapsedMs(start);
      await relay.stop();
      if (errors.length) throw new Error(`relay failed: ${errors[0]}`);
      return {
        events: events.length,
        totalMs,
        latenciesMs: latencies,
        batches: latencies.length,
      };
    } finally {
      await bus.close();
      await executor.close();
    }
  },
};

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );

/** One `sendBatch` request: the batch's messages grouped by topic, as our adapter groups them. */
const byTopic = (batch: readonly OutgoingMessage[]) => {
  const topics = new Map<string, Message[]>();
  for (const { topic, key, value, headers } of batch) {
    const list = topics.get(topic) ?? [];
    list.push({ key, value, headers });
    topics.set(topic, list);
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
};

/**
 * The ceiling: a bare kafkajs producer configured like ours (idempotent, one request in flight, murmur2 partitioner,
 * acks -1) sending the very messages ours sends — built from the log beforehand, outside the clock — in batches of
 * the relay's batch size, one after the other.
 */
export const rawProducer: RelayContender = {
  name: 'raw kafkajs producer',
  async run({ events, topicPrefix, batchSize }) {
    const requests = chunks(
      events.map((event) => prefixed(toCloudEventMessage(event), topicPrefix)),
      batchSize,
    ).map(byTopic);
    const producer = benchKafka('bench-relay-raw').producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: KAFKA_PARTITIONER,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: byTopic(
          warmUpMessages(relayTopics(events, topicPrefix)),
        ),
      });
      const latencies: number[] = [];
      const start = process.hrtime.bigint();
      for (const topicMessages of requests)
        await timed(latencies, () =>
          producer.sendBatch({ acks: -1, topicMessages }),
        );
      return {
        events: events.length,
        totalMs: elapsedMs(start),
        latenciesMs: latencies,
        batches: requests.length,
      };
    } finally {
      await producer.disconnect();
    }
  },
};
