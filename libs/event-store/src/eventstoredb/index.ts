export { EventStoreDbEventStore, createEventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb-event-store.adapter';
export { EsdbEnvelopeError } from './esdb-envelope';
export { EsdbSubscriptionEndedError } from './eventstoredb-subscription';
