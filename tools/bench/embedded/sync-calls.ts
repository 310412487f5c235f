import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EmbeddedEngine } from './embedded-engines';

const workspaceRoot = resolve(__dirname, '../../..');
const SYNC_CALLS = ['fsync', 'fdatasync', 'sync_file_range', 'msync', 'syncfs', 'sync'];

export interface SyncCalls {
  appends: number;
  /** fsync + fdatasync + the like, by every process of the engine (PostgreSQL's server included). */
  flushes: number;
  writes: number;
}

/**
 * Counts the system calls that make a write durable while `appends` acknowledged appends run (strace -f -c),
 * after the folder was created (initialisation is not counted). Null where strace is not installed.
 */
export const countSyncCalls = (engine: EmbeddedEngine, folder: string, appends: number): SyncCalls | null => {
  if (spawnSync('strace', ['-V']).status !== 0) return null;
  const env = { ...process.env, TS_NODE_PROJECT: 'tools/bench/tsconfig.json', TS_NODE_BASEURL: '../..' };
  const probe = (count: number, traced: boolean) => {
    const node = [process.execPath, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'tools/bench/embedded/sync-probe.ts', engine.id, join(folder, 'data'), String(count)];
    const report = join(folder, 'strace.txt');
    const [command, ...args] = traced ? ['strace', '-f', '-c', '-e', `trace=${[...SYNC_CALLS, 'pwrite64', 'write'].join(',')}`, '-o', report, ...node] : node;
    const run = spawnSync(command, args, { cwd: workspaceRoot, env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`sync probe on ${engine.id} failed: ${run.stderr}`);
    return traced ? readFileSync(report, 'utf8') : '';
  };
  probe(1, false);
  const table = probe(appends, true);
  rmSync(join(folder, 'strace.txt'), { force: true });
  const callsOf = (names: string[]) =>
    table
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((cells) => names.includes(cells[cells.length - 1]))
      .reduce((sum, cells) => sum + Number(cells[3]), 0);
  return { appends, flushes: callsOf(SYNC_CALLS), writes: callsOf(['pwrite64', 'write']) };
};
