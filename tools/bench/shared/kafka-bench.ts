import { randomBytes } from 'node:crypto';
import { kafkaBrokersFromEnv } from '@itsm/messaging';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/** A kafkajs client on KAFKA_BROKERS (default the local broker of `npm run kafka:start`), errors only. */
export const benchKafka = (clientId: string): Kafka =>
  new Kafka({
    clientId,
    brokers: kafkaBrokersFromEnv(),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    logLevel: logLevel.ERROR,
  });

/** A prefix no other run uses, so each contender publishes to topics of its own. */
export const freshTopicPrefix = (label: string): string =>
  `bench-${label}-${randomBytes(4).toString('hex')}.`;

/** Partitions of the topics the bench creates: the message bus's default, so both contenders see the same layout. */
export const BENCH_PARTITIONS = 3;

/**
 * Creates, lists and finally deletes the topics of a bench part, so the broker keeps nothing of a run.
 * Topics are created before a contender is timed: creating them is not what is measured.
 */
export class BenchTopics {
  private readonly created = new Set<string>();
  private admin: Promise<Admin> | undefined;

  constructor(private readonly kafka: Kafka) {}

  async create(topics: readonly string[]): Promise<void> {
    const admin = await this.connected();
    await admin.createTopics({
      topics: topics.map((topic) => ({
        topic,
        numPartitions: BENCH_PARTITIONS,
      })),
      waitForLeaders: true,
    });
    topics.forEach((topic) => this.created.add(topic));
  }

  /** Messages on the topics: the sum of their partitions' high watermarks (all start empty). */
  async messageCount(topics: readonly string[]): Promise<number> {
    const admin = await this.connected();
    let count = 0;
    for (const topic of topics)
      for (const { high } of await admin.fetchTopicOffsets(topic))
        count += Number(high);
    return count;
  }

  /** Deletes every topic created here; best effort (the run's results do not depend on it). */
  async deleteAll(): Promise<void> {
    if (!this.admin) return;
    const admin = await this.admin;
    const topics = [...this.created];
    this.created.clear();
    try {
      if (topics.length) await admin.deleteTopics({ topics, timeout: 10000 });
    } finally {
      await admin.disconnect();
      this.admin = undefined;
    }
  }

  private async connected(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }
}
