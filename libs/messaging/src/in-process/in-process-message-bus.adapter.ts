import type {
  IncomingMessage,
  MessageBus,
  MessageSubscription,
  OutgoingMessage,
  SubscribeOptions,
} from '../port/message-bus.port';
import { partitionForKey } from './key-partition';
import { WakeSignal } from './wake-signal';

export interface InProcessMessageBusOptions {
  /** Partitions per topic; one key always maps to one partition. Default 3 (as the local broker). */
  partitions?: number;
  /** Wait before a message whose handler failed is delivered again. Default 50 ms. */
  redeliveryDelayMs?: number;
}

interface ConsumerGroup {
  /** Next offset to handle, per `topic:partition` (the committed offset, as Kafka counts it). */
  committed: Map<string, number>;
  hasMember: boolean;
}

const partitionKey = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * The message bus inside one process (embedded mode, unit tests), with Kafka's semantics: topics of
 * partitions, per-key order, consumer groups that each receive every message and resume from their
 * committed offsets, and redelivery of a message whose handler failed before anything after it on its
 * partition. Messages live in memory for the life of the bus.
 */
export class InProcessMessageBus implements MessageBus {
  private readonly topics = new Map<string, IncomingMessage[][]>();
  private readonly groups = new Map<string, ConsumerGroup>();
  /** One signal per subscription, woken by every publish. */
  private readonly appendedSignals = new Set<WakeSignal>();
  private readonly subscriptions = new Set<MessageSubscription>();
  private readonly partitions: number;
  private readonly redeliveryDelayMs: number;
  private closed = false;

  constructor(options: InProcessMessageBusOptions = {}) {
    this.partitions = options.partitions ?? 3;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 50;
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    const timestamp = String(Date.now());
    for (const message of messages) {
      const partition = partitionForKey(message.key, this.partitions);
      const log = this.topicLog(message.topic)[partition];
      log.push({
        topic: message.topic,
        key: message.key,
        value: Buffer.from(message.value),
        headers: { ...message.headers },
        partition,
        offset: String(log.length),
        timestamp,
      });
    }
    for (const signal of this.appendedSignals) signal.wakeAll();
  }

  async subscribe(options: SubscribeOptions): Promise<MessageSubscription> {
    this.assertOpen();
    const group = this.group(options.groupId);
    if (group.hasMember) {
      throw new Error(`InProcessMessageBus: group "${options.groupId}" already has a member (one member per group here)`);
    }
    group.hasMember = true;
    const assigned = options.topics.flatMap((topic) =>
      this.topicLog(topic).map((log, partition) => ({ topic, partition, log })),
    );
    for (const { topic, partition, log } of assigned) {
      const key = partitionKey(topic, partition);
      if (!group.committed.has(key)) group.committed.set(key, options.fromBeginning === false ? log.length : 0);
    }

    let stopping = false;
    const appended = new WakeSignal();
    const stopped = new WakeSignal();
    this.appendedSignals.add(appended);
    const consume = async (topic: string, partition: number, log: IncomingMessage[]) => {
      const key = partitionKey(topic, partition);
      while (!stopping) {
        const offset = group.committed.get(key) ?? 0;
        const message = log[offset];
        if (!message) {
          await appended.wait();
          continue;
        }
        try {
          await options.handler({ ...message, headers: { ...message.headers }, value: Buffer.from(message.value) });
          group.committed.set(key, offset + 1);
        } catch {
          // Not handled: the same message comes again, and nothing after it on this partition goes first.
          if (!stopping) await stopped.wait(this.redeliveryDelayMs);
        }
      }
    };
    const running = Promise.all(assigned.map(({ topic, partition, log }) => consume(topic, partition, log)));

    const subscription: MessageSubscription = {
      stop: async () => {
        stopping = true;
        stopped.wakeAll();
        appended.wakeAll();
        await running;
        this.appendedSignals.delete(appended);
        group.hasMember = false;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private topicLog(topic: string): IncomingMessage[][] {
    let log = this.topics.get(topic);
    if (!log) {
      log = Array.from({ length: this.partitions }, () => []);
      this.topics.set(topic, log);
    }
    return log;
  }

  private group(groupId: string): ConsumerGroup {
    let group = this.groups.get(groupId);
    if (!group) {
      group = { committed: new Map(), hasMember: false };
      this.groups.set(groupId, group);
    }
    return group;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InProcessMessageBus is closed');
  }
}

export const createInProcessMessageBus = (options?: InProcessMessageBusOptions): InProcessMessageBus =>
  new InProcessMessageBus(options);
