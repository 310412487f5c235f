import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { MessageSubscription, SubscribeOptions } from '../port/message-bus.port';
import { fromKafkaMessage } from './kafka-message';

export interface RedeliveryBackoff {
  /** Wait before the first redelivery of a failed message; doubles on each further failure. */
  initialDelayMs: number;
  maxDelayMs: number;
}

/** How often offsets are committed while a long batch is being handled (they are also committed at its end). */
const COMMIT_INTERVAL_MS = 1000;
const nextOffset = (offset: string) => (BigInt(offset) + 1n).toString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `options.handler` over one kafkajs consumer: offsets are committed explicitly and only up to the
 * last message handled; a failed message is sought back to and delivered again after a backoff, so
 * nothing later on its partition is handled first.
 */
export const runKafkaSubscription = async (
  consumer: Consumer,
  options: SubscribeOptions,
  backoff: RedeliveryBackoff,
): Promise<MessageSubscription> => {
  const failures = new Map<string, number>();
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) options.onError?.(payload.error);
  });

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    const { topic, partition } = batch;
    const partitionId = `${topic}:${partition}`;
    let handled: string | undefined;
    let committedAt = Date.now();
    const commitHandled = async () => {
      if (handled === undefined) return;
      await consumer.commitOffsets([{ topic, partition, offset: nextOffset(handled) }]);
      handled = undefined;
      committedAt = Date.now();
    };

    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      try {
        await options.handler(fromKafkaMessage(topic, partition, message));
      } catch {
        const attempt = (failures.get(partitionId) ?? 0) + 1;
        failures.set(partitionId, attempt);
        consumer.seek({ topic, partition, offset: message.offset });
        await commitHandled();
        await waitBeforeRedelivery(attempt, backoff, isRunning, heartbeat);
        return;
      }
      failures.delete(partitionId);
      resolveOffset(message.offset);
      handled = message.offset;
      if (Date.now() - committedAt >= COMMIT_INTERVAL_MS) {
        await commitHandled();
        await heartbeat();
      }
    }
    await commitHandled();
    await heartbeat();
  };

  await consumer.connect();
  try {
    const joined = new Promise<void>((resolve) => {
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
    // Resolve once partitions are assigned, so a caller can rely on the subscription being live.
    await joined;
  } catch (error) {
    await consumer.disconnect();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    // kafkajs waits for the batch being handled (which commits what it handled), then leaves the group.
    stop: () => (stopped ??= consumer.disconnect()),
  };
};

const waitBeforeRedelivery = async (
  attempt: number,
  backoff: RedeliveryBackoff,
  isRunning: () => boolean,
  heartbeat: () => Promise<void>,
) => {
  const delay = Math.min(backoff.initialDelayMs * 2 ** (attempt - 1), backoff.maxDelayMs);
  const until = Date.now() + delay;
  // In short steps, so a stop or a rebalance does not wait for the whole backoff.
  while (isRunning() && Date.now() < until) {
    await sleep(Math.min(100, until - Date.now()));
    await heartbeat();
  }
};
