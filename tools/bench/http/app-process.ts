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

/**
 * Starts `apps/<app>/src/main.ts` with exactly `env` on top of the shell's other variables, and resolves once
 * `/health/live` answers 200. Unlike the specs' `startAppProcess`, the shell's store and broker settings are not
 * inherited, and stdout is not parsed: the apps run at LOG_LEVEL=warn and the load generator reads no logs.
 */
export const startBenchApp = async (app: string, env: Record<string, string>, timeoutMs = 120_000): Promise<BenchAppProcess> => {
  const port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_INHERITED.includes(name)));
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', `apps/${app}/src/main.ts`],
    {
      cwd: workspaceRoot,
      env: { ...inherited, TS_NODE_PROJECT: `apps/${app}/tsconfig.app.json`, TS_NODE_BASEURL: '../..', HOST: '127.0.0.1', PORT: String(port), ...env },
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
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
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
