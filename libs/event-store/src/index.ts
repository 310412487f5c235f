export * from './event-store.port';
export * from './seal-events';
export * from './eventstoredb';
export * from './postgres';
export * from './sections';
export * from './in-memory';
export * from './sequences';
export * from './personal-data';
