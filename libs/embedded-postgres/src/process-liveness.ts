import { readFileSync } from 'node:fs';
import { platform } from 'node:os';

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
const statFields = (pid: number): string[] | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
};

/**
 * Whether `pid` is a running process. A killed process stays a zombie until its parent reaps it, and
 * `kill(pid, 0)` still succeeds on a zombie: on Linux its state is read instead.
 */
export const isProcessRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another account.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (platform() !== 'linux') return true;
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z' && state !== 'X';
};

/** When the process started, in clock ticks since boot (Linux; null elsewhere): tells a recycled pid apart. */
export const processStartOf = (pid: number): string | null => (platform() === 'linux' ? (statFields(pid)?.[19] ?? null) : null);
