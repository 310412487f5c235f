export { createInMemoryEventStore, InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory-event-store';
