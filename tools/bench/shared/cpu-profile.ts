import { mkdir, writeFile } from 'node:fs/promises';
import { Session, type Profiler } from 'node:inspector';
import { dirname } from 'node:path';
import { formatInt } from './report';

/** One inspector call, awaited (the profiling aids start and stop the CPU profiler around what they profile). */
const inspectorCall = <T>(session: Session, method: string): Promise<T> =>
  new Promise((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));

/** The profile's `count` top frames by self time, one line each: share, milliseconds, function and place. */
const topSelfFrames = (profile: Profiler.Profile, count: number): string[] => {
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

/**
 * Runs `work` under the CPU profiler, then writes the profile to `file` (open it in Chrome DevTools) and prints its
 * `top` frames by self time; with NOPROF set, only runs it (for timings without the profiler's cost).
 */
export const profiled = async <T>(file: string, work: () => Promise<T>, top = 40): Promise<T> => {
  if (process.env['NOPROF']) return work();
  const session = new Session();
  session.connect();
  try {
    await inspectorCall(session, 'Profiler.enable');
    await inspectorCall(session, 'Profiler.start');
    const result = await work();
    const { profile } = await inspectorCall<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    process.stdout.write(`\n${file}, top frames by self time:\n${topSelfFrames(profile, top).join('\n')}\n`);
    return result;
  } finally {
    session.disconnect();
  }
};
