import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { progress } from '../shared/report';
import type { EmbeddedEngine } from './embedded-engines';

const workspaceRoot = resolve(__dirname, '../../..');

export interface CrashRound {
  round: number;
  /** The life after the kill started and opened the log. */
  opened: boolean;
  openMs: number | null;
  acknowledged: number;
  found: number | null;
  verified: boolean | null;
  error?: string;
}

export interface CrashTrial {
  engine: EmbeddedEngine['id'];
  rounds: CrashRound[];
  /** Rounds after which the engine did not open the folder at all. */
  failedStarts: number;
  /** Acknowledged events missing after a restart, summed over the rounds that opened. */
  lostAcknowledged: number;
}

interface ChildLife {
  report: Promise<Omit<CrashRound, 'round'>>;
  kill(): Promise<void>;
}

/** The server of an embedded PostgreSQL folder (killed with its node process, as power loss would). */
const postmasterOf = (dataDir: string): number | undefined => {
  try {
    return Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
};

const startLife = (engine: EmbeddedEngine, dataDir: string, acknowledgedFile: string, acknowledged: Map<string, number>, writers: number): ChildLife => {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'tools/bench/embedded/durability-child.ts', engine.id, dataDir, acknowledgedFile, String(writers)],
    { cwd: workspaceRoot, env: { ...process.env, TS_NODE_PROJECT: 'tools/bench/tsconfig.json', TS_NODE_BASEURL: '../..' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const report = new Promise<Omit<CrashRound, 'round'>>((done) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('A ')) {
        const [, streamId, revision] = line.split(' ');
        acknowledged.set(streamId, Math.max(acknowledged.get(streamId) ?? -1, Number(revision)));
      } else if (line.startsWith('{')) {
        const parsed = JSON.parse(line);
        done({ opened: parsed.opened, openMs: parsed.openMs ?? null, acknowledged: parsed.acknowledged ?? 0, found: parsed.found ?? null, verified: parsed.verified ?? null, error: parsed.error });
      }
    });
    void exited.then(() => done({ opened: false, openMs: null, acknowledged: 0, found: null, verified: null, error: stderr.trim().split('\n').slice(-2).join(' ') || 'exited' }));
  });
  return {
    report,
    async kill() {
      const postmaster = postmasterOf(dataDir);
      child.kill('SIGKILL');
      if (postmaster) {
        try {
          process.kill(postmaster, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await exited;
    },
  };
};

/**
 * Kills a writing process (and its database server, if it has one) with SIGKILL at random moments, `rounds`
 * times, each time restarting on the same folder and counting what it acknowledged before.
 */
export const runCrashTrial = async (engine: EmbeddedEngine, dataDir: string, rounds: number, writers: number): Promise<CrashTrial> => {
  const acknowledged = new Map<string, number>();
  const acknowledgedFile = join(dataDir, '..', `${engine.id}-acknowledged.json`);
  const results: CrashRound[] = [];
  for (let round = 1; round <= rounds + 1; round++) {
    writeFileSync(acknowledgedFile, JSON.stringify(Object.fromEntries(acknowledged)));
    const life = startLife(engine, dataDir, acknowledgedFile, acknowledged, writers);
    const report = await life.report;
    if (round > 1) {
      results.push({ round: round - 1, ...report });
      progress(`[embedded crash ${engine.id}] after kill ${round - 1}: ${report.opened ? `opened in ${report.openMs} ms, ${report.found}/${report.acknowledged} acknowledged found, verified ${report.verified}` : `did not start: ${report.error}`}`);
    }
    if (!report.opened || round > rounds) {
      await life.kill();
      if (!report.opened) break;
      continue;
    }
    await new Promise((done) => setTimeout(done, 1_000 + Math.random() * 3_000));
    await life.kill();
  }
  return {
    engine: engine.id,
    rounds: results,
    failedStarts: results.filter((round) => !round.opened).length,
    lostAcknowledged: results.reduce((sum, round) => sum + (round.opened ? round.acknowledged - (round.found ?? 0) : 0), 0),
  };
};
