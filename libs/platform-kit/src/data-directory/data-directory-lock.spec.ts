import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processStartOf } from '@itsm/embedded-postgres';
import { DataDirectoryInUse, dataDirectoryHolder, lockDataDirectory, refuseDataDirectoryInUse, type DataDirectoryHolder } from './data-directory-lock';

/** A lock file as another process would have written it. */
const writeLockOf = (directory: string, holder: Partial<DataDirectoryHolder> & { pid: number }) =>
  writeFileSync(
    join(directory, 'itsm.lock'),
    JSON.stringify({ processStart: processStartOf(holder.pid), host: hostname(), command: 'node dist/apps/platform/main.js', since: '2026-12-01T00:00:00.000Z', ...holder }),
  );

const exited = (child: ChildProcess) => new Promise<void>((done) => child.once('exit', () => done()));

describe('one process per data directory', () => {
  let directory: string;
  let other: ChildProcess | undefined;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'itsm-lock-'))));
  afterEach(async () => {
    if (other && other.exitCode === null && other.signalCode === null) {
      other.kill('SIGKILL');
      await exited(other);
    }
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses a second holder at once, naming the live holder and its pid, and leaves its lock as it was', () => {
    other = spawn('sleep', ['30']);
    writeLockOf(directory, { pid: other.pid as number });
    const before = readFileSync(join(directory, 'itsm.lock'), 'utf8');

    let refusal: unknown;
    try {
      lockDataDirectory(directory, 'itsm seed incidents');
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(DataDirectoryInUse);
    expect((refusal as Error).message).toContain(`in use by process ${other.pid} (node dist/apps/platform/main.js`);
    expect(() => refuseDataDirectoryInUse(directory)).toThrow(DataDirectoryInUse);
    expect(readFileSync(join(directory, 'itsm.lock'), 'utf8')).toBe(before);
  });

  it('takes over a lock left by a process that was killed', async () => {
    other = spawn('sleep', ['30']);
    writeLockOf(directory, { pid: other.pid as number });
    other.kill('SIGKILL');
    await exited(other);

    const lock = lockDataDirectory(directory, 'platform');

    expect(dataDirectoryHolder(directory)).toMatchObject({ pid: process.pid, command: 'platform' });
    lock.release();
    expect(existsSync(join(directory, 'itsm.lock'))).toBe(false);
  });

  it('does not take a recycled pid for the holder: same pid, other start time, is a lock left behind', () => {
    writeLockOf(directory, { pid: process.pid, processStart: '1' });

    const lock = lockDataDirectory(directory, 'platform');

    expect(dataDirectoryHolder(directory)).toMatchObject({ pid: process.pid, command: 'platform' });
    lock.release();
  });

  it('records where readers reach the holder, and a release by a process that no longer holds it removes nothing', () => {
    const lock = lockDataDirectory(directory, 'platform');
    lock.describe({ connectionString: 'postgresql://postgres@localhost:5432/itsm?host=%2Fdata%2Fpostgres' });
    expect(dataDirectoryHolder(directory)?.connectionString).toContain('host=%2Fdata%2Fpostgres');

    other = spawn('sleep', ['30']);
    writeLockOf(directory, { pid: other.pid as number });
    lock.release();

    expect(dataDirectoryHolder(directory)?.pid).toBe(other.pid);
  });
});
