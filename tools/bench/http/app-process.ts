import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '@itsm/platform-kit';

const workspaceRoot = resolve(__dirname, '../../..');

/** An app of this workspace as its own OS process (ts-node from source), so the load generator never shares its event loop. */
export interface BenchAppProcess {
  name: string;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Settings a bench app must not inherit from the shell (each contender states its own). */
const NOT_INHERITED = ['DATABASE_URL', 'EVENTSTORE_URL', 'KAFKA_BROKERS', 'ITSM_DATA_DIR', 'ITSM_JWKS_URL', 'ITSM_API_KEYS', 'PORT'];

/** A TypeScript entry point run with ts-node, relative to the workspace root. */
export interface BenchScript {
  name: string;
  entry: string;
  /** Its tsconfig, and the workspace root as seen from that file (for the path aliases). */
  project: string;
  baseUrl: string;
}

/** Node flags for every bench app, e.g. BENCH_HTTP_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them. */
const extraNodeArgs = (): string[] => (process.env['BENCH_HTTP_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);

/** `apps/<app>/src/main.ts`, as the specs and `npm start` run it. */
export const startBenchApp = (app: string, env: Record<string, string>, timeoutMs?: number): Promise<BenchAppProcess> =>
  startBenchScript({ name: app, entry: `apps/${app}/src/main.ts`, project: `apps/${app}/tsconfig.app.json`, baseUrl: '../..' }, env, timeoutMs);

/**
 * Starts a script with exactly `env` on top of the shell's other variables, and resolves once `/health/live`
 * answers 200. Unlike the specs' `startAppProcess`, the shell's store and broker settings are not inherited, and
 * stdout is not parsed: the apps run at LOG_LEVEL=warn and the load generator reads no logs.
 */
/** How long an app may take to answer /health/live: ts-node compiles the whole platform at start, slow on a busy machine. */
const START_TIMEOUT_MS = Number(process.env['BENCH_HTTP_START_TIMEOUT_MS'] ?? 120_000);

export const startBenchScript = async (script: BenchScript, env: Record<string, string>, timeoutMs = START_TIMEOUT_MS): Promise<BenchAppProcess> => {
  const app = script.name;
  const port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_INHERITED.includes(name)));
  const child: ChildProcess = spawn(
    process.execPath,
    [...extraNodeArgs(), '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', script.entry],
    {
      cwd: workspaceRoot,
      env: { ...inherited, TS_NODE_PROJECT: script.project, TS_NODE_BASEURL: script.baseUrl, HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // A profiled app writes its profile as it exits: BENCH_HTTP_STOP_TIMEOUT_MS gives a loaded machine longer.
    const killer = setTimeout(() => child.kill('SIGKILL'), Number(process.env['BENCH_HTTP_STOP_TIMEOUT_MS'] ?? 10_000));
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} exited (${child.exitCode}) before it was live; stderr: ${stderr}`);
    const live = await fetch(`${baseUrl}/health/live`).then((response) => response.ok, () => false);
    if (live) return { name: app, baseUrl, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${app} was not live within ${timeoutMs} ms; stderr: ${stderr}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
};
