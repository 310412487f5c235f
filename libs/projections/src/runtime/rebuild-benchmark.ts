import type { ProjectionRuntime } from './projection-runtime';
import type { RebuildProgress } from './rebuild-progress';

export interface RebuildTiming {
  projection: string;
  /** Log events read (the log's length at the swap). */
  events: number;
  /** Events the projection applied. */
  eventsApplied: number;
  seconds: number;
  eventsPerSecond: number;
}

/** For `npm run bench`: rebuilds one projection of a runtime over the log as it is, and times it end to end. */
export const timeProjectionRebuild = async (
  runtime: ProjectionRuntime,
  projection: string,
  onProgress?: (progress: RebuildProgress) => void,
): Promise<RebuildTiming> => {
  const started = process.hrtime.bigint();
  const rebuild = runtime.rebuild(projection, onProgress);
  await rebuild.finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { done, eventsApplied } = rebuild.tracker.snapshot();
  return { projection, events: done, eventsApplied, seconds, eventsPerSecond: Math.round(done / seconds) };
};
