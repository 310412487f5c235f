import kafkajs from 'kafkajs';
import { cloudEventOf } from './cloudevent-of.js';

const { Kafka, logLevel } = kafkajs;

/**
 * One member of the consumer group: reads the topics, hands each message to `handle` as a CloudEvent, and commits
 * a message's offset only after `handle` resolved. If `handle` throws, the offset stays uncommitted and kafkajs
 * delivers the message again (nothing after it on that partition goes first).
 */
export const startConsumer = async (
  { brokers, clientId, groupId, topics, fromBeginning },
  handle,
  log,
) => {
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId });

  // A rebalance moves partitions between the group's members (one joins, leaves or crashes). Everything handled
  // was committed, so the next owner of a partition resumes right after the last handled message.
  consumer.on(consumer.events.REBALANCING, () =>
    log({ kind: 'rebalancing', groupId }),
  );
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
    log({
      kind: 'partitions-assigned',
      groupId,
      memberId: payload.memberId,
      assigned: payload.memberAssignment,
    }),
  );
  consumer.on(consumer.events.CRASH, ({ payload }) =>
    log({
      kind: 'crashed',
      error: String(payload.error),
      restarting: payload.restart,
    }),
  );

  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      await handle(cloudEventOf(message), {
        topic,
        partition,
        offset: message.offset,
      });
      // The committed offset is the next one to read.
      await consumer.commitOffsets([
        { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
      ]);
    },
  });
  // Leaving the group on stop hands the partitions to the other members at once (no session timeout to wait for).
  return { stop: () => consumer.disconnect() };
};
