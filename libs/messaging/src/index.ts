export * from './kafka/kafka-config';
export * from './kafka/kafka-test-gate';
export * from './kafka/describe-with-kafka';
export * from './port/message-bus.port';
export * from './port/topics';
export * from './consumer';
export * from './in-process';
