import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Message,
  type Producer,
} from 'kafkajs';
import type {
  MessageBus,
  MessageSubscription,
  OutgoingMessage,
  SubscribeOptions,
} from '../port/message-bus.port';
import { toKafkaMessage } from './kafka-message';
import {
  runKafkaSubscription,
  type RedeliveryBackoff,
} from './kafka-subscription';
import { KafkaTopics } from './kafka-topics';

/** murmur2 of the key, as the Java client's default partitioner: other clients agree on a key's partition. */
export const KAFKA_PARTITIONER = Partitioners.DefaultPartitioner;

export interface KafkaMessageBusOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of the topics this bus creates when they are missing. Default 3. */
  numPartitions?: number;
  redelivery?: Partial<RedeliveryBackoff>;
  /**
   * Longest time the broker holds an empty fetch; a stop waits for the fetch in flight, so this bounds how
   * long stop() takes. Default 1000 ms (kafkajs: 5000).
   */
  maxWaitTimeInMs?: number;
  /** kafkajs log level; default errors only. */
  logLevel?: logLevel;
  /**
   * How long the group waits for a silent member before rebalancing its partitions away (kafkajs: 30 s).
   * Shorter means a crashed consumer's partitions move sooner; the broker's floor is 6 s.
   */
  sessionTimeoutMs?: number;
}

/**
 * The message bus on Kafka (kafkajs). The producer is idempotent with one request in flight, so a retried
 * send neither duplicates nor reorders; the partitioner is set explicitly to kafkajs' DefaultPartitioner
 * (murmur2, as the Java client), so a key lands on the same partition whichever client produced it.
 */
export class KafkaMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly topics: KafkaTopics;
  private readonly backoff: RedeliveryBackoff;
  private readonly maxWaitTimeInMs: number;
  private readonly sessionTimeoutMs: number | undefined;
  private readonly subscriptions = new Set<MessageSubscription>();
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;

  constructor(options: KafkaMessageBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 30000,
      logLevel: options.logLevel ?? logLevel.ERROR,
    });
    this.topics = new KafkaTopics(
      () => this.connectedAdmin(),
      options.numPartitions ?? 3,
    );
    this.backoff = {
      initialDelayMs: 100,
      maxDelayMs: 5000,
      ...options.redelivery,
    };
    this.maxWaitTimeInMs = options.maxWaitTimeInMs ?? 1000;
    this.sessionTimeoutMs = options.sessionTimeoutMs;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, Message[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(toKafkaMessage(message));
      byTopic.set(message.topic, list);
    }
    await this.topics.ensure(byTopic.keys());
    const producer = await this.connectedProducer();
    // acks -1: resolves only when every in-sync replica has the batch.
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({
        topic,
        messages: topicMessages,
      })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<MessageSubscription> {
    await this.topics.ensure(options.topics);
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.maxWaitTimeInMs,
      // Heartbeats must come well within the session timeout (kafkajs default: 3 s against 30 s).
      ...(this.sessionTimeoutMs && {
        sessionTimeout: this.sessionTimeoutMs,
        heartbeatInterval: Math.floor(this.sessionTimeoutMs / 10),
      }),
    });
    const subscription = await runKafkaSubscription(
      consumer,
      options,
      this.backoff,
    );
    const tracked: MessageSubscription = {
      stop: async () => {
        await subscription.stop();
        this.subscriptions.delete(tracked);
      },
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  async ping(): Promise<void> {
    await (await this.connectedAdmin()).describeCluster();
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.subscriptions].map((subscription) => subscription.stop()),
    );
    const [producer, admin] = [this.producer, this.admin];
    this.producer = this.admin = undefined;
    await Promise.all([
      producer?.then(
        (p) => p.disconnect(),
        () => undefined,
      ),
      admin?.then(
        (a) => a.disconnect(),
        () => undefined,
      ),
    ]);
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= connect(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: KAFKA_PARTITIONER,
        allowAutoTopicCreation: false,
      }),
    );
    return this.producer.catch((error) => {
      this.producer = undefined;
      throw error;
    });
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= connect(this.kafka.admin());
    return this.admin.catch((error) => {
      this.admin = undefined;
      throw error;
    });
  }
}

const connect = async <Client extends { connect(): Promise<void> }>(
  client: Client,
): Promise<Client> => {
  await client.connect();
  return client;
};

export const createKafkaMessageBus = (
  options: KafkaMessageBusOptions,
): KafkaMessageBus => new KafkaMessageBus(options);
