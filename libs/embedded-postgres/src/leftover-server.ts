import { existsSync, readFileSync, rmSync } from 'node:fs';
import { platform } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isProcessRunning as isAlive } from './process-liveness';


/** On Linux, whether the process is a postgres server (a recycled pid may now belong to anything). */
const isPostgres = (pid: number): boolean => {
  if (platform() !== 'linux') return true;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
};

const recordedPostmaster = (directory: string): number | undefined => {
  const pidFile = join(directory, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

/** The postmaster recorded in the cluster's postmaster.pid, if that process still runs. */
export const runningPostmasterOf = (directory: string): number | undefined => {
  const pid = recordedPostmaster(directory);
  return pid !== undefined && isAlive(pid) && isPostgres(pid) ? pid : undefined;
};

const isZombie = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
};

/**
 * Makes the folder startable after an earlier process died: a server it left running is shut down, and a
 * killed server's pid is waited on until its parent reaps it (PostgreSQL takes a zombie's pid for a live
 * postmaster and refuses to start). A pid file naming a process that is not PostgreSQL (the pid was reused)
 * is removed, as PostgreSQL's documentation advises.
 */
export const settleLeftoverServer = async (directory: string, log: (message: string, level: 'info' | 'warn') => void): Promise<void> => {
  const pid = recordedPostmaster(directory);
  if (pid === undefined) return;
  if (isAlive(pid) && isPostgres(pid)) {
    log(`a PostgreSQL server left running by an earlier process (pid ${pid}) holds ${directory}: shutting it down`, 'info');
    await stopPostmaster(pid, (message) => log(message, 'warn'));
  }
  for (const deadline = Date.now() + 30_000; isZombie(pid) && Date.now() < deadline; ) await sleep(50);
  if (isAlive(pid) && !isPostgres(pid)) {
    log(`postmaster.pid names process ${pid}, which is not PostgreSQL (its pid was reused): removing the stale pid file`, 'warn');
    rmSync(join(directory, 'postmaster.pid'), { force: true });
  }
};

const waitForExit = async (pid: number, timeoutMs: number): Promise<boolean> => {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(50)) {
    if (!isAlive(pid)) return true;
  }
  return !isAlive(pid);
};

/** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL, each given this long. */
export const SHUTDOWN_STEPS: ReadonlyArray<readonly [NodeJS.Signals, number]> = [
  ['SIGINT', 60_000],
  ['SIGQUIT', 10_000],
  ['SIGKILL', 10_000],
];

/**
 * Escalating stop of a server this process did not start: fast shutdown (SIGINT: clients cut off, a clean
 * checkpoint), then immediate (SIGQUIT: crash recovery at next start), then SIGKILL. Committed transactions
 * survive every step; only the time the next start spends in recovery differs.
 */
export const stopPostmaster = async (pid: number, log: (message: string) => void): Promise<void> => {
  for (const [signal, timeoutMs] of SHUTDOWN_STEPS) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, timeoutMs)) return;
    log(`PostgreSQL (pid ${pid}) did not stop within ${timeoutMs / 1000} s of ${signal}`);
  }
  throw new Error(`PostgreSQL (pid ${pid}) does not stop; stop it by hand before starting again`);
};
