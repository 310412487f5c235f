import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const workspaceRoot = resolve(__dirname, '../../../..');

/** An app of this workspace started as its own OS process from source (ts-node), with its JSON log lines. */
export interface AppProcess {
  name: string;
  child: ChildProcess;
  records: Array<Record<string, unknown>>;
  /** Resolves at the first log record whose `msg` matches; rejects if the process exits first. */
  waitFor(msg: RegExp, timeoutMs: number): Promise<Record<string, unknown>>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export const startAppProcess = (app: string, env: Record<string, string>): AppProcess => {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
    {
      cwd: workspaceRoot,
      env: { ...process.env, TS_NODE_PROJECT: `apps/${app}/tsconfig.app.json`, TS_NODE_BASEURL: '../..', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const records: Array<Record<string, unknown>> = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      records.push({ msg: line });
    }
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const failure = (what: string) => new Error(`${app}: ${what}; stderr: ${stderr}; last log: ${JSON.stringify(records.slice(-5))}`);

  const waitFor = (msg: RegExp, timeoutMs: number) =>
    new Promise<Record<string, unknown>>((found, fail) => {
      const check = () => {
        const record = records.find((r) => typeof r['msg'] === 'string' && msg.test(r['msg']));
        if (!record) return;
        cleanup();
        found(record);
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(failure(`no log line matching ${msg} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        cleanup();
        fail(failure(`exited (${code}) before logging ${msg}`));
      });
      check();
    });

  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(killer);
    return code;
  };

  return { name: app, child, records, waitFor, stop };
};

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = () =>
  new Promise<number>((found, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? found(address.port) : fail(new Error('no port'))));
    });
  });
