export * from './commands';
export * from './events';
export type { InitialUsageBatch, RecordedUsageBatch, UsageBatch } from './state';
export { evolve as evolveUsageBatch, initialState as initialUsageBatch } from './state';
export { MAX_USAGE_RECORDS, USAGE_REFERENCE_MAX_LENGTH, usageDecider } from './decide';
