// Test support only: imports jest, so it is not exported from the library's index.
export * from './event-store.contract';
export * from './event-store-contract.harness';
export { aNewEvent, uniquePrefix } from './contract-helpers';
