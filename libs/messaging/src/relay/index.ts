export * from './event-relay';
export type { RelayProgress } from './relay-progress';
export { RelayLeaseLostError } from './relay-lease';
export { relayTables, migrateRelaySchema, type RelayTables } from './relay-schema';
