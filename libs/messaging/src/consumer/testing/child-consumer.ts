import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../../../..');

export interface ChildMessage {
  kind: 'listening' | 'effect-committed' | 'failed';
  [field: string]: unknown;
}

/** A TypeScript entry point of this folder run in its own Node process (ts-node), talking over IPC. */
export class ChildConsumer {
  private readonly messages: ChildMessage[] = [];
  private readonly waiters = new Set<() => void>();
  readonly exited: Promise<NodeJS.Signals | number | null>;
  private readonly child: ChildProcess;

  constructor(entryPoint: string, env: Record<string, string>) {
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      ...env,
      TS_NODE_PROJECT: 'libs/messaging/tsconfig.lib.json',
      TS_NODE_BASEURL: '../..',
      TS_NODE_TRANSPILE_ONLY: '1',
    };
    delete childEnv['JEST_WORKER_ID'];
    this.child = fork(resolve(__dirname, entryPoint), [], {
      cwd: REPO_ROOT,
      env: childEnv,
      execArgv: ['-r', './tools/ts-node/register.cjs', '-r', 'tsconfig-paths/register'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: ChildMessage) => {
      this.messages.push(message);
      for (const wake of this.waiters) wake();
    });
    this.exited = new Promise((done) =>
      this.child.on('exit', (code, signal) => done(signal ?? code)),
    );
  }

  /** The first message of this kind, waiting for it; a `failed` message or an exit rejects. */
  async next(
    kind: ChildMessage['kind'],
    timeoutMs: number,
  ): Promise<ChildMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failed = this.messages.find((message) => message.kind === 'failed');
      if (failed)
        throw new Error(`child consumer failed: ${String(failed['message'])}`);
      const found = this.messages.find((message) => message.kind === kind);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`child exited before "${kind}"`);
      if (Date.now() > deadline)
        throw new Error(`no "${kind}" from the child within ${timeoutMs} ms`);
      await new Promise<void>((wake) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          wake();
        };
        const timer = setTimeout(done, 100);
        this.waiters.add(done);
      });
    }
  }

  /** How many messages of this kind the child has sent so far. */
  count(kind: ChildMessage['kind']): number {
    return this.messages.filter((message) => message.kind === kind).length;
  }

  kill(): Promise<NodeJS.Signals | number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }
}
