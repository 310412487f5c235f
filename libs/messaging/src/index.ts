export * from './kafka';
export * from './port/message-bus.port';
export * from './port/topics';
export * from './in-process';
export * from './consumer';
export * from './cloudevents';
export * from './relay';
export * from './asyncapi';
// Test support without jest: event logs for relay tests (the jest contract suites stay in ./testing).
export * from './testing/relay-test-databases';
