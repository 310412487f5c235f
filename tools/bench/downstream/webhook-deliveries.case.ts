import type { RecordedEvent } from '@itsm/event-sourcing';
import { createPgExecutor, type SqlExecutor } from '@itsm/event-store';
import { toCloudEventJson } from '@itsm/messaging';
import { DEFAULT_RETRY_SCHEDULE } from '@itsm/webhooks-domain';
import {
  migrateWebhooksSchema,
  queueDeliveries,
  TargetGuard,
  WebhookDeliveryWorker,
  WebhookSender,
  webhooksTables,
  type WebhooksTables,
} from '@itsm/webhooks-application';
import { TestReceiver } from '@itsm/webhooks-application/testing';
import { perRound, type BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { formatInt, formatMs, formatRatio, progress, renderTable } from '../shared/report';
import { percentile, summarize, type Measurement, type Sample } from '../shared/stats';
import { targetOutcome, type TargetOutcome } from '../shared/target-summary';
import { verdict, verdictText, type TargetVerdict } from '../shared/target-verdict';
import type { DownstreamCase } from './downstream-case';

/** The target: webhook deliveries at least this share of a plain fetch loop's rate. */
const TARGET_RATIO = 0.7;
/** Requests in flight at once, for both contenders (the worker's default ITSM_WEBHOOKS_CONCURRENCY). */
const CONCURRENCY = 32;
const SUBSCRIPTION_ID = '0190f3a4-1111-7222-8333-944445555666';
const SECRET = `whsec_${Buffer.from('bench secret of thirty-two bytes').toString('base64')}`;

/** An incident-opened-like event of about half a kilobyte, as a structured CloudEvent body. */
const eventAt = (position: number): RecordedEvent => ({
  eventId: `0190f3a4-${String(position).padStart(4, '0').slice(-4)}-7222-8333-${String(position).padStart(12, '0')}`,
  type: 'IncidentOpened',
  schemaVersion: 1,
  streamId: `incident-0190f3a4-2222-7222-8333-${String(position).padStart(12, '0')}`,
  streamRevision: 0,
  globalPosition: position,
  occurredAt: '2026-03-02T09:30:00.000Z',
  recordedAt: '2026-03-02T09:30:00.010Z',
  actor: { id: 'agent-7', role: 'agent' },
  correlationId: `bench-${position}`,
  causationId: null,
  traceparent: null,
  hash: 'bench',
  data: {
    shortDescription: 'VPN gateway drops sessions every few minutes',
    description: 'Users in the Berlin office lose their VPN session; reconnecting works for a while.',
    callerId: 'caller-42',
    serviceId: '0190f3a4-3333-7222-8333-944445555666',
    impact: 2,
    urgency: 2,
    priority: 'P3',
  },
});

type Contender = (round: RoundSetup) => Promise<Sample>;
interface RoundSetup {
  events: RecordedEvent[];
  url: string;
  receiver: TestReceiver;
  db: SqlExecutor;
  tables: WebhooksTables;
}

const waitFor = async (done: () => boolean | Promise<boolean>): Promise<void> => {
  while (!(await done())) await new Promise((resume) => setTimeout(resume, 2));
};

/** Ours: the deliveries queued as the fan-out queues them, then the worker claims, signs, posts and records them all. */
const ours: Contender = async ({ events, receiver, db, tables }) => {
  await db.exec(`TRUNCATE ${tables.deliveries}, ${tables.attempts}`);
  for (let start = 0; start < events.length; start += 50) {
    await Promise.all(events.slice(start, start + 50).map((event) => queueDeliveries(db, tables, 'live', event, [SUBSCRIPTION_ID])));
  }
  const before = receiver.received.length;
  const worker = new WebhookDeliveryWorker({
    db,
    tables,
    sender: new WebhookSender(new TargetGuard(new Set(['loopback'])), 10_000),
    retry: DEFAULT_RETRY_SCHEDULE,
    concurrency: CONCURRENCY,
    pollIntervalMs: 5,
    leaseMs: 60_000,
    log: { error: (message) => progress(`[downstream] worker: ${message}`) },
  });
  const started = performance.now();
  worker.start();
  await waitFor(() => receiver.received.length - before >= events.length);
  await waitFor(async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${tables.deliveries} WHERE status = 'delivered'`))[0].n >= events.length);
  const totalMs = performance.now() - started;
  await worker.stop();
  return { events: events.length, totalMs, latenciesMs: [] };
};

/** The baseline: CONCURRENCY loops of `fetch` posting the same bodies to the same receiver, nothing signed or recorded. */
const plainFetch: Contender = async ({ events, url }) => {
  const bodies = events.map((event) => JSON.stringify(toCloudEventJson(event)));
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const sent = performance.now();
        const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await answer.arrayBuffer();
        if (!answer.ok) throw new Error(`the receiver answered ${answer.status}`);
        latenciesMs.push(performance.now() - sent);
      }
    }),
  );
  return { events: bodies.length, totalMs: performance.now() - started, latenciesMs };
};

interface ContenderResult {
  name: string;
  measurement: Measurement;
  detail: string;
}

export interface WebhookDeliveriesResult {
  size: { perRound: number; rounds: number; concurrency: number };
  contenders: ContenderResult[];
  /** webhook deliveries ÷ the fetch loop, deliveries/s (median rounds). */
  ratio: number | null;
  target: TargetVerdict;
}

const printTable = (result: WebhookDeliveriesResult): void => {
  const [webhooks, baseline] = result.contenders;
  const cell = ({ measurement, detail }: ContenderResult) => `${formatInt(measurement.eventsPerSec)} deliveries/s\n${detail}`;
  const { perRound, rounds, concurrency } = result.size;
  const rows = [
    [
      `webhook deliveries/s to a local receiver\n${formatInt(perRound)} CloudEvents per round,\n${concurrency} in flight, ${rounds} rounds,\nreceiver on 127.0.0.1 (204)`,
      cell(webhooks),
      cell(baseline),
      formatRatio(result.ratio),
      verdictText(result.target),
    ],
  ];
  const notes = result.contenders.flatMap(({ name, measurement }) => measurement.notes.map((note) => `* ${name}: ${note}`));
  const title = 'Webhook deliveries to a local receiver: deliveries/s (median of rounds, higher is better)';
  process.stdout.write(`\n${renderTable({ title, head: ['case', webhooks.name, baseline.name, 'webhooks / fetch', 'target'], rows })}\n${notes.join('\n')}\n`);
};

const CONTENDERS: readonly { name: string; run: Contender }[] = [
  { name: 'webhook deliveries', run: ours },
  { name: 'plain fetch loop', run: plainFetch },
];

/** Webhook deliveries/s to a local receiver against a plain fetch loop posting the same bodies, same concurrency. */
export const webhookDeliveriesCase: DownstreamCase = {
  name: 'webhook deliveries',
  async run(config: BenchConfig): Promise<{ result: WebhookDeliveriesResult; targets: TargetOutcome[] }> {
    const perRoundEvents = perRound(config, 20_000, 200);
    progress(`[downstream] webhook deliveries: ${perRoundEvents} per round × ${config.rounds} rounds, ${CONCURRENCY} in flight, PostgreSQL scratch database`);
    const database = await createScratchDatabase(config.databaseUrl, 'downstream');
    const db = createPgExecutor({ connectionString: database.connectionString, max: 4 });
    const receiver = await TestReceiver.start();
    try {
      const tables = webhooksTables();
      await migrateWebhooksSchema(db, tables);
      const url = `${receiver.baseUrl}/hook`;
      await db.query(`INSERT INTO ${tables.targets} (subscription_id, url, event_types, status, created_at) VALUES ($1, $2, ARRAY['*'], 'enabled', '-infinity')`, [SUBSCRIPTION_ID, url]);
      await db.query(`INSERT INTO ${tables.secrets} (subscription_id, secret) VALUES ($1, $2)`, [SUBSCRIPTION_ID, SECRET]);
      const samples = new Map<string, Sample[]>(CONTENDERS.map(({ name }) => [name, []]));
      for (let round = 0; round < config.rounds; round++) {
        const events = Array.from({ length: perRoundEvents }, (_, index) => eventAt(round * perRoundEvents + index + 1));
        // Who goes first rotates, so a drift of the shared machine spreads over both.
        const shift = round % CONTENDERS.length;
        for (const contender of [...CONTENDERS.slice(shift), ...CONTENDERS.slice(0, shift)]) {
          const sample = await contender.run({ events, url, receiver, db, tables });
          samples.get(contender.name)?.push(sample);
          progress(`[downstream] round ${round + 1}/${config.rounds} ${contender.name}: ${formatInt((sample.events / sample.totalMs) * 1000)} deliveries/s`);
        }
        receiver.received.length = 0;
      }
      const contenders = CONTENDERS.map(({ name }) => {
        const measurement = summarize(samples.get(name) ?? []);
        const latencies = (samples.get(name) ?? []).flatMap((sample) => sample.latenciesMs).sort((a, b) => a - b);
        const detail = latencies.length > 0 ? `request p50 ${formatMs(percentile(latencies, 50))} · p99 ${formatMs(percentile(latencies, 99))} ms` : 'claimed, signed, posted, recorded';
        return { name, measurement, detail };
      });
      const [webhooks, baseline] = contenders;
      const ratio = baseline.measurement.eventsPerSec ? webhooks.measurement.eventsPerSec / baseline.measurement.eventsPerSec : null;
      const result: WebhookDeliveriesResult = {
        size: { perRound: perRoundEvents, rounds: config.rounds, concurrency: CONCURRENCY },
        contenders,
        ratio,
        target: verdict(`≥ ${TARGET_RATIO}× the fetch loop`, ratio === null ? null : ratio >= TARGET_RATIO),
      };
      printTable(result);
      const targets = [
        targetOutcome(
          'downstream',
          'webhook deliveries/s to a local receiver: webhooks ÷ plain fetch loop',
          { value: `${formatInt(webhooks.measurement.eventsPerSec)} deliveries/s`, amount: webhooks.measurement.eventsPerSec, ratio },
          result.target,
        ),
      ];
      return { result, targets };
    } finally {
      await receiver.stop();
      await db.close();
      await database.drop();
    }
  },
};
