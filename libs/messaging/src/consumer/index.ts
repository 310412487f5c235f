export * from './message-bus.transport';
export * from './message-bus.context';
export * from './message-bus-error.filter';
export * from './handled-events';
export * from './retry-policy';
export * from './dead-letter-message';
export * from './event-pattern';
