/** A message as it goes on the bus: Kafka's shape (topic, key, headers, bytes), whatever the adapter. */
export interface OutgoingMessage {
  topic: string;
  /** Partitioning key: all messages with one key keep their order (we use the stream id). */
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** A message as a consumer receives it, with its coordinates in the log. */
export interface IncomingMessage extends OutgoingMessage {
  partition: number;
  /** Kafka offsets are 64-bit: kept as a decimal string. */
  offset: string;
  /** Broker time of the message, ms since the epoch, as a decimal string. */
  timestamp: string;
}

/**
 * Handles one message. Resolving marks it handled (its offset may be committed); throwing means "not handled":
 * the adapter delivers the same message again, and nothing after it on that partition goes first.
 */
export type MessageHandler = (message: IncomingMessage) => Promise<void>;

export interface SubscribeOptions {
  /** Consumer group: each message is handled by one member of the group. */
  groupId: string;
  topics: string[];
  /** Where a new group starts: the beginning of the topics (default) or only new messages. */
  fromBeginning?: boolean;
  handler: MessageHandler;
  /** Called when the subscription stops for good because of an error outside the handler. */
  onError?: (error: unknown) => void;
}

export interface MessageSubscription {
  /** Stops after the message being handled and commits what was handled; resolves when stopped. */
  stop(): Promise<void>;
}

/**
 * The messaging port (DESIGN §4). kafkajs is unmaintained upstream, so nothing outside the adapters may
 * import it: swapping the client is one adapter.
 */
export interface MessageBus {
  /** Publishes a batch; resolves once the broker has acknowledged every message of it. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<MessageSubscription>;
  /** Checks the broker is reachable (for `/health/ready`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
