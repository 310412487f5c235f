import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { isProcessRunning, processStartOf } from '@itsm/embedded-postgres';

/** Who holds a data directory: written into `<dir>/itsm.lock` by the holder. */
export interface DataDirectoryHolder {
  pid: number;
  /** The holder's start time as the kernel counts it, so that a recycled pid is not taken for the holder. */
  processStart: string | null;
  host: string;
  /** What the holder is (`platform`, `itsm seed incidents`, …). */
  command: string;
  since: string;
  /** Where the holder's embedded PostgreSQL listens, for readers that may share it (`itsm backup`). */
  connectionString?: string;
}

export class DataDirectoryInUse extends Error {
  constructor(
    readonly directory: string,
    readonly holder: DataDirectoryHolder,
  ) {
    super(
      `The data directory ${directory} is in use by process ${holder.pid} (${holder.command}, since ${holder.since}). ` +
        'One process at a time may open it: stop that process first, or send your changes through its HTTP API.',
    );
    this.name = 'DataDirectoryInUse';
  }
}

export interface DataDirectoryLock {
  readonly directory: string;
  /** Adds what readers may need (the server's address) to the lock file. */
  describe(details: Pick<DataDirectoryHolder, 'connectionString'>): void;
  release(): void;
}

const LOCK_FILE = 'itsm.lock';

const isRunning = (holder: DataDirectoryHolder): boolean => {
  if (holder.host !== hostname()) return true; // a shared folder: another machine's process cannot be checked, so it counts
  if (!isProcessRunning(holder.pid)) return false;
  const start = processStartOf(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
};

const readHolder = (lockPath: string): DataDirectoryHolder | undefined => {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as DataDirectoryHolder;
  } catch {
    return undefined;
  }
};

/** The live process holding `directory`, if any. */
export const dataDirectoryHolder = (directory: string): DataDirectoryHolder | undefined => {
  const holder = readHolder(join(resolve(directory), LOCK_FILE));
  return holder && isRunning(holder) ? holder : undefined;
};

/** Creates the lock file with its whole content at once: a reader never sees it half written. */
const createExclusively = (lockPath: string, holder: DataDirectoryHolder): boolean => {
  const draft = `${lockPath}.${process.pid}.draft`;
  writeFileSync(draft, `${JSON.stringify(holder, null, 2)}\n`);
  try {
    linkSync(draft, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
};

/**
 * Makes this process the only one on `directory` (server, seed, CLI alike), or throws `DataDirectoryInUse`
 * with the holder's pid. A lock left by a process that died (kill -9, power loss) is taken over: the holder's
 * pid and start time show it is gone.
 */
export const lockDataDirectory = (directory: string, command: string): DataDirectoryLock => {
  const folder = resolve(directory);
  mkdirSync(folder, { recursive: true });
  const lockPath = join(folder, LOCK_FILE);
  let holder: DataDirectoryHolder = {
    pid: process.pid,
    processStart: processStartOf(process.pid),
    host: hostname(),
    command,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    if (createExclusively(lockPath, holder)) break;
    const current = readHolder(lockPath);
    if (current && isRunning(current)) throw new DataDirectoryInUse(folder, current);
    if (attempt >= 3) throw new Error(`Could not take the lock ${lockPath}; remove it if no process uses ${folder}`);
    // Left by a process that is gone: remove it, unless another process replaced it meanwhile.
    if (JSON.stringify(readHolder(lockPath)) === JSON.stringify(current)) rmSync(lockPath, { force: true });
  }
  const ours = () => readHolder(lockPath)?.pid === process.pid && readHolder(lockPath)?.since === holder.since;
  return {
    directory: folder,
    describe(details) {
      if (!ours()) return;
      holder = { ...holder, ...details };
      const draft = `${lockPath}.${process.pid}.draft`;
      writeFileSync(draft, `${JSON.stringify(holder, null, 2)}\n`);
      renameSync(draft, lockPath); // replaces the file in one step
    },
    release() {
      if (ours()) rmSync(lockPath, { force: true });
    },
  };
};

/**
 * Refuses at once when another live process holds `directory`: a host calls it before building its app, so the
 * refusal is one line rather than a failed start-up. (`lockDataDirectory` stays the real guard.)
 */
export const refuseDataDirectoryInUse = (directory: string): void => {
  const holder = dataDirectoryHolder(directory);
  if (holder && holder.pid !== process.pid) throw new DataDirectoryInUse(resolve(directory), holder);
};
