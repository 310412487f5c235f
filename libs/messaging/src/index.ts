export * from './kafka/kafka-config';
export * from './kafka/kafka-test-gate';
export * from './kafka/describe-with-kafka';
