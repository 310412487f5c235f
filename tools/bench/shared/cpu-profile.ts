import type { Profiler, Session } from 'node:inspector';
import { formatInt } from './report';

/** One inspector call, awaited (the profiling aids start and stop the CPU profiler around what they profile). */
export const inspectorCall = <T>(session: Session, method: string): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));

/** The profile's `count` top frames by self time, one line each: share, milliseconds, function and place. */
export const topSelfFrames = (profile: Profiler.Profile, count: number): string[] => {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples?.forEach((id, index) => {
    const delta = profile.timeDeltas?.[index] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    const where = frame?.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(/^.*?\/(libs|tools)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const name = `${frame?.functionName || '(anonymous)'} ${where}`.trim();
    self.set(name, (self.get(name) ?? 0) + delta);
    total += delta;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${formatInt(micros / 1000).padStart(6)} ms  ${name}`);
};
