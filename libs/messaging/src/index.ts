export * from './kafka';
export * from './port/message-bus.port';
export * from './port/topics';
export * from './in-process';
export * from './consumer';
export * from './cloudevents';
