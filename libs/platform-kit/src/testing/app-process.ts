import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Test support for specs that run apps of this workspace as OS processes. Plain Node (no jest), so that it can be
 * exported from '@itsm/platform-kit' without pulling test tooling into the apps' bundles.
 */

/** An app of this workspace started as its own OS process from source (ts-node), with its JSON log lines. */
export interface AppProcess {
  name: string;
  child: ChildProcess;
  /** Every log record printed so far (a line that is not JSON becomes `{ msg: line }`). */
  records: Array<Record<string, unknown>>;
  /**
   * Resolves at the first log record whose `msg` equals the string or matches the pattern; rejects if the process
   * exits first or nothing matches in time.
   */
  waitFor(msg: string | RegExp, timeoutMs: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code once the process has exited (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** The folder holding nx.json above this file (the source tree; the specs run from it). */
const workspaceRoot = (): string => {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'nx.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`No nx.json above ${__dirname}`);
  }
};

const matches = (pattern: string | RegExp, msg: unknown): boolean =>
  typeof msg === 'string' && (typeof pattern === 'string' ? msg === pattern : pattern.test(msg));

/**
 * How long a spec lets an app started from source take to listen: ts-node compiles it first, which on a busy
 * 2-core machine takes minutes. A limit for a hung start, not a speed check.
 */
export const APP_START_LIMIT_MS = 300_000;

/** Starts `apps/<app>/src/main.ts` with the caller's environment plus `env` (a variable set to undefined is removed). */
export const startAppProcess = (app: string, env: Record<string, string | undefined>): AppProcess =>
  startScriptProcess(app, `apps/${app}/src/main.ts`, `apps/${app}/tsconfig.app.json`, env);

/**
 * Starts a TypeScript file of the workspace (path from the workspace root) as its own OS process, compiled with
 * the given tsconfig: for specs whose scenario needs several processes of their own making.
 */
export const startScriptProcess = (name: string, script: string, tsconfig: string, env: Record<string, string | undefined>): AppProcess => {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    TS_NODE_PROJECT: tsconfig,
    TS_NODE_BASEURL: '../..',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    ...env,
  };
  for (const [variable, value] of Object.entries(environment)) if (value === undefined) delete environment[variable];
  const child = spawn(process.execPath, ['-r', './tools/ts-node/register.cjs', '-r', 'tsconfig-paths/register', script], {
    cwd: workspaceRoot(),
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  const failure = (what: string) => new Error(`${name}: ${what}; stderr: ${stderr}; last log: ${JSON.stringify(records.slice(-5))}`);

  const waitFor = (msg: string | RegExp, timeoutMs: number) =>
    new Promise<Record<string, unknown>>((found, fail) => {
      const check = () => {
        const record = records.find((r) => matches(msg, r['msg']));
        if (!record) return;
        cleanup();
        found(record);
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(failure(`no log line matching ${String(msg)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        cleanup();
        fail(failure(`exited (${code}) before logging ${String(msg)}`));
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

  return { name, child, records, waitFor, exited, stop };
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
