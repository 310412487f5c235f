import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs';
import { EVENT_CONTEXTS } from '@itsm/contracts';
import { eventsTopic } from '@itsm/messaging';
import { call, signAccessToken, waitUntil, type JsonAnswer, type Role } from '@itsm/platform-kit';

/** What the distributed specs give every process as ITSM_JWT_SECRET, and sign their bearer tokens with. */
export const DISTRIBUTED_JWT_SECRET = 'distributed-shape-spec-secret-of-32-chars+';

/** Authorization header of a caller with these roles (subject `alice` unless named). */
export const bearer = async (roles: Role[], sub = 'alice'): Promise<{ authorization: string }> => ({
  authorization: `Bearer ${await signAccessToken(
    { sub, name: sub, roles },
    { secret: new TextEncoder().encode(DISTRIBUTED_JWT_SECRET) },
  )}`,
});

/** JSON calls to one base URL (the gateway's, known only once it listens). */
export const jsonCallsTo =
  (baseUrl: () => string) =>
  (path: string, init?: Parameters<typeof call>[1]): Promise<JsonAnswer> =>
    call(`${baseUrl()}${path}`, init);

/** A Kafka header as text. */
export const header = (message: KafkaMessage, name: string): string | undefined => message.headers?.[name]?.toString();

/** A message as the spec's own consumer read it, with where it sits. */
export interface ReadMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/**
 * The events topics of one spec run, under a prefix of their own (ITSM_TOPIC_PREFIX) so that runs on one broker do
 * not see each other, read by a consumer of the spec's own from the beginning.
 */
export interface EventTopicsWitness {
  /** ITSM_TOPIC_PREFIX for the processes under test. */
  prefix: string;
  /** The prefixed events topic of a context. */
  topicOf(context: string): string;
  /** Every message read so far, oldest first per partition. */
  received: ReadMessage[];
  /** Waits until `count` messages with this ce_subject are on the context's topic; they come in stream order. */
  waitForSubject(context: string, subject: string, count: number, timeoutMs: number): Promise<ReadMessage[]>;
  /** Waits until the consumer group (named before the prefix, as the processes name it) has handled these messages. */
  waitUntilGroupHandled(groupId: string, messages: readonly ReadMessage[], timeoutMs: number): Promise<void>;
  /** Stops the consumer, then deletes the run's topics and the consumer groups named. */
  close(groupIds?: readonly string[]): Promise<void>;
}

export const watchEventTopics = async (brokers: string[], runName: string): Promise<EventTopicsWitness> => {
  const prefix = `${runName}-${randomUUID()}.`;
  const topicOf = (context: string) => prefix + eventsTopic(context);
  const topics = EVENT_CONTEXTS.map(topicOf);
  const received: ReadMessage[] = [];
  const kafka = new Kafka({ clientId: `${runName}-spec`, brokers, logLevel: logLevel.NOTHING });
  const admin: Admin = kafka.admin();
  await admin.connect();
  // Created up front with the partition count the processes' bus would use, so the spec's consumer sees them all.
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })) });
  // Not createTopics' waitForLeaders: its metadata probe gives up on a partition the broker has not loaded yet.
  await waitUntil(
    `leaders for ${topics.join(', ')}`,
    () =>
      admin.fetchTopicMetadata({ topics }).then(
        ({ topics: described }) => (described.every(({ partitions }) => partitions.length === 3 && partitions.every(({ leader }) => leader >= 0)) ? true : undefined),
        () => undefined,
      ),
    30_000,
  );
  const consumer: Consumer = kafka.consumer({ groupId: `${runName}-spec-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, partition, message }) => void received.push({ topic, partition, message }) });

  const waitForSubject = (context: string, subject: string, count: number, timeoutMs: number) =>
    waitUntil(
      `${count} CloudEvents for ${subject} on ${topicOf(context)}`,
      () => {
        const ofSubject = received.filter((read) => read.topic === topicOf(context) && header(read.message, 'ce_subject') === subject);
        return ofSubject.length >= count ? ofSubject : undefined;
      },
      timeoutMs,
    );

  const waitUntilGroupHandled = (groupId: string, messages: readonly ReadMessage[], timeoutMs: number) =>
    waitUntil(
      `consumer group ${prefix + groupId} to handle ${messages.length} messages`,
      async () => {
        const committed = await admin.fetchOffsets({ groupId: prefix + groupId, topics: [...new Set(messages.map((read) => read.topic))] });
        const nextOffset = (topic: string, partition: number) =>
          BigInt(committed.find((entry) => entry.topic === topic)?.partitions.find((entry) => entry.partition === partition)?.offset ?? '-1');
        // A committed offset is the next one the group will read: everything before it is handled.
        return messages.every((read) => nextOffset(read.topic, read.partition) > BigInt(read.message.offset)) ? true : undefined;
      },
      timeoutMs,
    ).then(() => undefined);

  const close = async (groupIds: readonly string[] = []) => {
    await consumer.disconnect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    if (groupIds.length > 0) await admin.deleteGroups(groupIds.map((groupId) => prefix + groupId)).catch(() => undefined);
    await admin.disconnect();
  };

  return { prefix, topicOf, received, waitForSubject, waitUntilGroupHandled, close };
};
