import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileFrame {
  frame: string;
  /** Share of all sampled time spent in this frame itself. */
  selfShare: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time per function, most first. */
  frames: ProfileFrame[];
  /** Self time per package or workspace folder (node_modules/<package>, libs/<lib>, node internals, idle, GC). */
  areas: ProfileFrame[];
  /** For the top frames: the call paths (nearest callers first) that spent their time. */
  callers: Array<{ frame: string; paths: ProfileFrame[] }>;
}

/** Only the samples of the last `lastMs` before `endOffsetMs` before the profile ended (the load window, not start-up). */
export interface ProfileWindow {
  lastMs: number;
  endOffsetMs: number;
}

const areaOf = (url: string, functionName: string, root: string): string => {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const path = relative(root, url.replace(/^file:\/\//, ''));
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return inModules[1];
  const inWorkspace = /^(libs\/[^/]+(?:\/(?:domain|application|api|read-models))?|apps\/[^/]+|tools\/[^/]+)/.exec(path);
  return inWorkspace ? inWorkspace[1] : path;
};

const topOf = (totals: Map<string, number>, all: number, count: number): ProfileFrame[] =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, time]) => ({ frame, selfShare: time / all }));

/** Self time per function and per area of a V8 `.cpuprofile` (what `node --cpu-prof` writes). */
export const summarizeCpuProfile = (file: string, root: string, window?: ProfileWindow, count = 25): ProfileSummary => {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  /** Every sampled id is a node of the same profile. */
  const callFrameOf = (id: number) => (byId.get(id) as ProfileNode).callFrame;
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const to = profile.endTime - (window?.endOffsetMs ?? 0) * 1000;
  const from = window ? to - window.lastMs * 1000 : -Infinity;
  const selfTime = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (at >= from && at <= to) selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const frameOf = (id: number) => {
    const { functionName, url, lineNumber } = callFrameOf(id);
    const where = url ? `${relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'} ${where}`.trim();
  };
  const callPaths = new Map<string, Map<string, number>>();
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  let all = 0;
  for (const [id, time] of selfTime) {
    const { functionName, url } = callFrameOf(id);
    const frame = frameOf(id);
    frames.set(frame, (frames.get(frame) ?? 0) + time);
    const path: string[] = [];
    for (let parent = parentOf.get(id); parent !== undefined && path.length < 6; parent = parentOf.get(parent)) path.push(frameOf(parent));
    const paths = callPaths.get(frame) ?? new Map<string, number>();
    paths.set(path.join(' < '), (paths.get(path.join(' < ')) ?? 0) + time);
    callPaths.set(frame, paths);
    const area = areaOf(url, functionName, root);
    areas.set(area, (areas.get(area) ?? 0) + time);
    all += time;
  }
  const top = topOf(frames, all, count);
  const callers = top.slice(0, 8).map(({ frame }) => ({ frame, paths: topOf(callPaths.get(frame) ?? new Map(), all, 3) }));
  return { totalMs: all / 1000, frames: top, areas: topOf(areas, all, count), callers };
};
