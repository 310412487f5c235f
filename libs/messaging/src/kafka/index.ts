export * from './kafka-config';
export * from './kafka-test-gate';
export * from './describe-with-kafka';
export * from './kafka-message-bus.adapter';
export type { RedeliveryBackoff } from './kafka-subscription';
export * from './kafka-group-witness';
