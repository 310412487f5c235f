import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { waitUntil } from '@itsm/platform-kit';

/** A line the example prints: `{ kind: 'ready' | 'partitions-assigned' | 'event' | …, … }`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ExampleLine = { kind: string; [field: string]: any };

export interface ExampleConsumerProcess {
  child: ChildProcess;
  lines: ExampleLine[];
  /** The first line matching, waiting for it; fails if the process exits first or nothing comes in time. */
  next(
    what: string,
    matches: (line: ExampleLine) => boolean,
    timeoutMs: number,
  ): Promise<ExampleLine>;
  /** SIGTERM (the example leaves its group and exits 0); resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs the example as a downstream team would: `node src/main.js` (plain Node, no build), settings in the environment. */
export const startExampleConsumer = (
  env: Record<string, string>,
): ExampleConsumerProcess => {
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', 'src', 'main.js')],
    {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...env, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: ExampleLine[] = [];
  let stderr = '';
  child.stderr?.on(
    'data',
    (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)),
  );
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on(
    'line',
    (line) => {
      try {
        lines.push(JSON.parse(line) as ExampleLine);
      } catch {
        lines.push({ kind: 'text', line });
      }
    },
  );
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => done(code)),
  );

  return {
    child,
    lines,
    next: (what, matches, timeoutMs) =>
      waitUntil(
        () =>
          `${what} from the example consumer; stderr: ${stderr}; printed: ${JSON.stringify(lines.slice(-5))}`,
        () => {
          const found = lines.find(matches);
          if (found) return found;
          if (child.exitCode !== null || child.signalCode !== null)
            throw new Error(
              `the example consumer exited (${child.exitCode ?? child.signalCode}); stderr: ${stderr}`,
            );
          return undefined;
        },
        timeoutMs,
      ),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGTERM');
      return exited;
    },
  };
};
