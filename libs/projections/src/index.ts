export * from './projection';
export * from './audit/stream-heads.projection';
export {
  ProjectionRuntime,
  RebuildAlreadyRunningError,
  UnknownProjectionError,
  type LiveSource,
  type ProjectionRuntimeOptions,
  type ProjectionStatus,
} from './runtime/projection-runtime';
export type { RebuildHandle } from './runtime/rebuild';
export type { RebuildProgress, RebuildState } from './runtime/rebuild-progress';
export { RebuildSupersededError, ProjectionNotInitializedError, type Deduplication } from './runtime/apply-batch';
export { readHeadPosition, type ProjectionEventSource } from './runtime/event-source';
export { timeProjectionRebuild, type RebuildTiming } from './runtime/rebuild-benchmark';
export * from './read-models/cursor';
export * from './read-models/instant';
export * from './read-models/page';
export * from './read-models/read-model-location';
export * from './read-models/read-model-positions';
export * from './processes/event-process';
export * from './processes/process-runner';
export * from './testing/read-model-test-database';
export * from './processes/process-positions';
