import type { MessageBus } from '../port/message-bus.port';

/** What the message bus contract suite needs from an adapter under test. */
export interface MessageBusContractHarness {
  /** A fresh bus on the adapter's backend; the suite closes it. */
  createBus(): Promise<MessageBus>;
  /** How long to wait for messages (a real broker needs time to form a consumer group). */
  timeoutMs: number;
}
