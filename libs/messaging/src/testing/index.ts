export * from './message-bus.contract';
export * from './message-bus-contract.harness';
export * from './message-bus-contract.helpers';
export * from './read-with-cloudevents-sdk';
