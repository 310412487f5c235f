import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, streamName } from '@itsm/event-sourcing';
import { createPostgresEventStore, type EventStore } from '@itsm/event-store';
import { signAccessToken } from '@itsm/platform-kit';
import { readServerSentEvents } from '@itsm/server-sent-events';
import { startBenchApp } from '../http/app-process';
import { scaled, type BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { formatInt, formatMs, progress, renderTable } from '../shared/report';
import { percentile } from '../shared/stats';
import { targetOutcome, type TargetOutcome } from '../shared/target-summary';
import { verdict, verdictText } from '../shared/target-verdict';
import type { DownstreamCase } from './downstream-case';

const JWT_SECRET = 'sse-bench-secret-of-at-least-32-characters';
const EVENT_TYPE = 'CostCenterRenamed';
const SELECTED = `itsm.finance.${EVENT_TYPE}.v1`;
const TARGET_P99_MS = 100;
const APPENDS_PER_SECOND = 20;

export interface LatencyFigures {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Deliveries that never came (client × event); must be 0. */
  missing: number;
}

export interface SseFanoutRow {
  contender: string;
  clients: number;
  appends: number;
  latencyMs: LatencyFigures;
}

export interface SseFanoutResult {
  name: 'sse-fanout';
  title: string;
  targetP99Ms: number;
  rows: SseFanoutRow[];
}

const figures = (latencies: number[], expected: number): LatencyFigures => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    missing: expected - sorted.length,
  };
};

/** Receipt times by log position (the SSE id), per listener. */
type Receipts = Map<string, number>;

interface Listener {
  receipts: Receipts;
  close(): Promise<void>;
}

const openSseClient = async (baseUrl: string, token: string): Promise<Listener> => {
  const aborted = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events?types=${SELECTED}`, { headers: { authorization: `Bearer ${token}` }, signal: aborted.signal });
  if (response.status !== 200 || !response.body) throw new Error(`GET /api/v1/events answered ${response.status}: ${await response.text()}`);
  const receipts: Receipts = new Map();
  const body = response.body;
  const reading = (async () => {
    try {
      for await (const message of readServerSentEvents(body)) {
        if (message.kind === 'event' && message.id !== undefined) receipts.set(message.id, performance.now());
      }
    } catch {
      // closed
    }
  })();
  return { receipts, close: async () => (aborted.abort(), await reading) };
};

/** The floor: the log's own subscription in this process, woken by the platform's NOTIFY, no HTTP. */
const openLogSubscription = (store: EventStore): Listener => {
  const receipts: Receipts = new Map();
  let subscription: ReturnType<EventStore['subscribeToAll']> | undefined;
  const started = store.readAll({ fromPosition: -1, maxCount: 1, filter: { types: ['__head__'] } }).then(({ lastPosition }) => {
    subscription = store.subscribeToAll({
      fromCheckpoint: lastPosition,
      filter: { types: [EVENT_TYPE] },
      onEvent: async (event) => void receipts.set(String(event.globalPosition), performance.now()),
    });
  });
  return { receipts, close: async () => (await started, await subscription?.stop()) };
};

/** Appends one event at a time on an open-loop schedule; returns each event's log position with its start time. */
const appendSteadily = async (store: EventStore, count: number): Promise<Map<string, number>> => {
  const started = new Map<string, number>();
  const streamId = streamName('cost-center');
  const begin = performance.now();
  for (let index = 0; index < count; index++) {
    const due = begin + (index * 1000) / APPENDS_PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const at = performance.now();
    const { events } = await store.appendToStream(
      streamId,
      [{ type: EVENT_TYPE, data: { costCenterId: streamId, name: `Cost centre ${index}` }, metadata: { actor: { id: 'bench' }, correlationId: newId() } }],
      { expectedRevision: index === 0 ? 'any' : index - 1 },
    );
    started.set(String(events[0].globalPosition), at);
  }
  return started;
};

const measure = async (listeners: Listener[], store: EventStore, appends: number): Promise<number[][]> => {
  const started = await appendSteadily(store, appends);
  // Let the last deliveries land (not a timed assertion: what has not arrived by then counts as missing).
  const deadline = performance.now() + 10_000;
  // Wait for these appends' positions (a listener's receipts also hold the warm-up event's).
  const positions = [...started.keys()];
  const missingAny = () => listeners.some((listener) => positions.some((position) => !listener.receipts.has(position)));
  while (performance.now() < deadline && missingAny()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return listeners.map((listener) =>
    [...started].flatMap(([position, at]) => {
      const received = listener.receipts.get(position);
      return received === undefined ? [] : [received - at];
    }),
  );
};

/**
 * SSE fan-out (issue 13, bench `downstream`): the embedded platform as its own process on a scratch PostgreSQL
 * database; this process appends one event at a time (20/s, open loop) to the same log and times append →
 * received, for one SSE client, then for 200 at once, each beside the log's own subscription in this process
 * (the floor: the same NOTIFY wake-up without HTTP).
 */
export const runSseFanoutCase = async (config: BenchConfig): Promise<SseFanoutResult> => {
  const clients = Number(process.env['BENCH_SSE_CLIENTS'] ?? 200);
  const appends = scaled(config, 100, 20);
  const scratch = await createScratchDatabase(config.databaseUrl, 'sse_fanout');
  const dataDir = mkdtempSync(join(tmpdir(), 'itsm-bench-sse-'));
  const store = await createPostgresEventStore({ connectionString: scratch.connectionString, poolSize: 2 });
  const rows: SseFanoutRow[] = [];
  let app: Awaited<ReturnType<typeof startBenchApp>> | undefined;
  try {
    progress(' downstream/sse: starting the embedded platform on a scratch PostgreSQL database');
    app = await startBenchApp('platform', {
      ITSM_DATA_DIR: dataDir,
      DATABASE_URL: scratch.connectionString,
      ITSM_RATE_LIMIT: '0',
      LOG_LEVEL: 'warn',
      ITSM_JWT_SECRET: JWT_SECRET,
    });
    const baseUrl = app.baseUrl;
    const token = await signAccessToken({ sub: 'bench', name: 'Bench', roles: ['admin'] }, { secret: new TextEncoder().encode(JWT_SECRET) });
    for (const count of [1, clients]) {
      progress(` downstream/sse: ${count} client(s), ${appends} appends at ${APPENDS_PER_SECOND}/s`);
      const sse = await Promise.all(Array.from({ length: count }, () => openSseClient(baseUrl, token)));
      const floor = openLogSubscription(store);
      // One append first, unmeasured: the platform's tail and every client are warm.
      await measure([...sse, floor], store, 1);
      const [floorLatencies, ...sseLatencies] = await measure([floor, ...sse], store, appends);
      rows.push({ contender: 'log subscription in the bench process (no HTTP)', clients: 1, appends, latencyMs: figures(floorLatencies, appends) });
      rows.push({ contender: 'GET /api/v1/events', clients: count, appends, latencyMs: figures(sseLatencies.flat(), appends * count) });
      await Promise.all([...sse, floor].map((listener) => listener.close()));
    }
  } finally {
    await app?.stop();
    await store.close();
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    name: 'sse-fanout',
    title: `SSE fan-out: append → received, ms, ${APPENDS_PER_SECOND} appends/s to the embedded platform's PostgreSQL log`,
    targetP99Ms: TARGET_P99_MS,
    rows,
  };
};

export const printSseFanout = (result: SseFanoutResult): void => {
  process.stdout.write(
    `\n${renderTable({
      title: result.title,
      head: ['contender', 'clients', 'deliveries', 'p50', 'p95', 'p99', 'max', 'missing', 'target'],
      rows: result.rows.map((row) => [
        row.contender,
        formatInt(row.clients),
        formatInt(row.latencyMs.samples),
        formatMs(row.latencyMs.p50),
        formatMs(row.latencyMs.p95),
        formatMs(row.latencyMs.p99),
        formatMs(row.latencyMs.max),
        formatInt(row.latencyMs.missing),
        row.contender.startsWith('GET') && row.clients > 1
          ? verdictText(verdict(`p99 < ${result.targetP99Ms} ms`, row.latencyMs.p99 < result.targetP99Ms && row.latencyMs.missing === 0))
          : '',
      ]),
    })}\n`,
  );
};

/** The target rows (SSE to many clients) for the bench's summary table. */
const sseFanoutTargets = (result: SseFanoutResult): TargetOutcome[] =>
  result.rows
    .filter((row) => row.contender.startsWith('GET') && row.clients > 1)
    .map((row) =>
      targetOutcome(
        'downstream',
        `SSE fan-out to ${row.clients} clients: append -> received p99`,
        { value: `p99 ${formatMs(row.latencyMs.p99)}`, amount: row.latencyMs.p99 },
        verdict(`p99 < ${result.targetP99Ms} ms`, row.latencyMs.p99 < result.targetP99Ms && row.latencyMs.missing === 0),
      ),
    );

/** The case as the downstream part runs it. */
export const sseFanoutCase: DownstreamCase = {
  name: 'sse-fanout',
  run: async (config: BenchConfig) => {
    const result = await runSseFanoutCase(config);
    printSseFanout(result);
    return { result, targets: sseFanoutTargets(result) };
  },
};
