import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const workspaceRoot = resolve(__dirname, '../../..');

/** A relay started as its own OS process (from source, through ts-node), with its JSON log lines. */
export interface RelayProcess {
  child: ChildProcess;
  /** Every log record printed so far. */
  records: Array<Record<string, unknown>>;
  /** Resolves at the first record with this `msg`; rejects if the process exits first. */
  waitFor(msg: string, timeoutMs: number): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

export const startRelayProcess = (env: Record<string, string>): RelayProcess => {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/relay/src/main.ts'],
    {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        TS_NODE_PROJECT: 'apps/relay/tsconfig.app.json',
        TS_NODE_BASEURL: '../..',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const records: Array<Record<string, unknown>> = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      records.push({ msg: 'unparsed', line });
    }
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const waitFor = (msg: string, timeoutMs: number) =>
    new Promise<Record<string, unknown>>((found, fail) => {
      const check = () => {
        const record = records.find((r) => r['msg'] === msg);
        if (record) {
          cleanup();
          found(record);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(`relay process: no "${msg}" within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        cleanup();
        fail(new Error(`relay process exited (${code}) before "${msg}"; stderr: ${stderr.slice(-2000)}`));
      });
      check();
    });

  return { child, records, waitFor, exited };
};
