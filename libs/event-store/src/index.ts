export * from './event-store.port';
export * from './seal-events';
