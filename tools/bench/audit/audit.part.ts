import { cpus } from 'node:os';
import { AuditCheckpointer, SqlAuditTree, SqlEventLeaves } from '@itsm/audit-application';
import { noteSignerFromSeed } from '@itsm/audit-domain';
import { newId } from '@itsm/event-sourcing';
import type { BenchPart } from '../shared/bench-part';
import { openBenchLog, selectedLogTargets, type BenchLog, type LogTarget } from '../shared/bench-log';
import { scaled, type BenchConfig } from '../shared/config';
import { formatInt, progress, writeJsonResult } from '../shared/report';
import { seedLog } from '../shared/seed-log';
import { elapsedMs, median, summarize, type Sample } from '../shared/stats';
import { targetOutcome } from '../shared/target-summary';
import { verdict } from '../shared/target-verdict';
import { incidentEvent } from '../event-store/incident-event';
import { auditExportPass, exportPass, readAllPass, standaloneVerifyPass, verifyPass, type AuditReadContender } from './audit-contenders';
import { printAuditTables, type AppendOverhead, type AuditTargetResult } from './audit.table';

/** What `itsm verify` runs on a log in SQL (every target here). */
const CLI_VERIFY = verifyPass('stored texts');
const readersOf = (): readonly AuditReadContender[] => [
  readAllPass,
  verifyPass('parsed'),
  CLI_VERIFY,
  exportPass('jsonl'),
  exportPass('csv'),
  auditExportPass,
  standaloneVerifyPass,
];
const ORIGIN = 'bench.local/audit';
const EVENTS_PER_APPEND = 25;
const WRITERS = 8;
/** The targets, on PostgreSQL. */
const VERIFY_RATIO = 0.7;
const VERIFY_EVENTS_PER_SEC = 100_000;
const APPEND_OVERHEAD = 0.05;
const APPEND_OVERHEAD_ROUNDS = 21;

const rotate = <T>(items: readonly T[], round: number): T[] => [...items.slice(round % items.length), ...items.slice(0, round % items.length)];

/** 8 writers, one event per append, each to its own new stream: the event-store part's append case. */
const appendBurst = async (log: BenchLog, appends: number): Promise<Sample> => {
  const perWriter = Math.ceil(appends / WRITERS);
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let index = 0; index < perWriter; index++) {
        const began = process.hrtime.bigint();
        await log.store.appendToStream(`incident-${newId()}`, [incidentEvent(index)], { expectedRevision: 'no-stream' });
        latencies.push(elapsedMs(began));
      }
    }),
  );
  return { events: perWriter * WRITERS, totalMs: elapsedMs(start), latenciesMs: latencies };
};

/**
 * Appends with and without the checkpointer following the log in the same process (as in the embedded platform:
 * polling every 500 ms, a checkpoint every 1,000 events), rounds alternating which goes first.
 */
const measureAppendOverhead = async (log: BenchLog, tree: SqlAuditTree, leaves: SqlEventLeaves, config: BenchConfig, target: LogTarget): Promise<AppendOverhead> => {
  // One pair of bursts of a second or two differs by ±15 %, more than the 5 % measured: at least 21 alternating rounds,
  // the median of their pairs taken (9 rounds left medians of 6 to 9 % from one run of the same code to the next).
  const rounds = Math.max(config.rounds, APPEND_OVERHEAD_ROUNDS);
  const appends = scaled(config, 6000, 400);
  const signer = noteSignerFromSeed(ORIGIN, Buffer.alloc(32, 5));
  const samples = { without: [] as Sample[], with: [] as Sample[] };
  let checkpoints = 0;
  await appendBurst(log, Math.max(80, Math.round(appends / 10)));
  for (let round = 0; round < rounds; round++) {
    for (const mode of rotate(['without', 'with'] as const, round)) {
      const checkpointer =
        mode === 'with'
          ? new AuditCheckpointer({ store: log.store, leaves, tree, signer, origin: ORIGIN, everyEvents: 1000, everySeconds: 60, onCheckpoint: () => checkpoints++ })
          : undefined;
      // The tree starts level with the log, as in a platform that has been running.
      await checkpointer?.catchUp({ checkpoint: false });
      checkpointer?.start();
      const sample = await appendBurst(log, appends);
      await checkpointer?.stop();
      samples[mode].push(sample);
      progress(`[audit ${target}] round ${round + 1}/${rounds} appends ${mode} checkpointer: ${formatInt((sample.events / sample.totalMs) * 1000)} ev/s`);
    }
  }
  const without = summarize(samples.without);
  const withCheckpointer = summarize(samples.with);
  const rate = (sample: Sample) => sample.events / sample.totalMs;
  const overheadByRound = samples.with.map((sample, round) => 1 - rate(sample) / rate(samples.without[round]));
  const overhead = median(overheadByRound);
  return {
    appendsPerRound: appends,
    writers: WRITERS,
    without,
    with: withCheckpointer,
    overhead,
    overheadByRound,
    checkpointsSigned: checkpoints,
    verdict: target === 'postgres' ? verdict(`< ${APPEND_OVERHEAD * 100}% overhead`, overhead < APPEND_OVERHEAD) : verdict('none (embedded)', null),
  };
};

const runTarget = async (target: LogTarget, config: BenchConfig): Promise<AuditTargetResult> => {
  const size = { events: scaled(config, 100_000, 2_000), streams: scaled(config, 2_000, 40) };
  const log = await openBenchLog(target, config, 'audit');
  try {
    await seedLog(log.store, { ...size, eventsPerAppend: EVENTS_PER_APPEND, label: `[audit ${target}]` });
    const db = log.executor(4);
    const tree = new SqlAuditTree(db);
    // As the platform's checkpointer on a log in SQL: leaves from the texts the appenders stored.
    const leaves = new SqlEventLeaves(db);
    const signer = noteSignerFromSeed(ORIGIN, Buffer.alloc(32, 5));
    const built = process.hrtime.bigint();
    await new AuditCheckpointer({ store: log.store, leaves, tree, signer, origin: ORIGIN, everyEvents: 1000 }).catchUp();
    const checkpointerMs = elapsedMs(built);
    progress(`[audit ${target}] checkpointer caught up with ${formatInt(size.events)} events: ${formatInt((size.events / checkpointerMs) * 1000)} ev/s`);

    const contenders = readersOf();
    const samples = new Map(contenders.map(({ name }) => [name, [] as Sample[]]));
    const context = { store: log.store, tree, verifier: signer.verifier, origin: ORIGIN, logSize: size.events, logDb: db };
    for (let round = 0; round < config.rounds; round++) {
      for (const reader of rotate(contenders, round)) {
        const sample = await reader.run(context);
        samples.get(reader.name)?.push(sample);
        progress(`[audit ${target}] round ${round + 1}/${config.rounds} ${reader.name}: ${formatInt((sample.events / sample.totalMs) * 1000)} ev/s`);
      }
    }
    const readers = contenders.map(({ name }) => ({ name, measurement: summarize(samples.get(name) ?? []) }));
    const rate = (name: string) => readers.find((reader) => reader.name === name)?.measurement.eventsPerSec ?? 0;
    const readAll = rate(readAllPass.name);
    const verifyRate = rate(CLI_VERIFY.name);
    const appends = await measureAppendOverhead(log, tree, leaves, config, target);
    return {
      target,
      size,
      rounds: config.rounds,
      checkpointerCatchUpEventsPerSec: Math.round((size.events / checkpointerMs) * 1000),
      readers,
      verifyRatio: readAll ? verifyRate / readAll : null,
      exportRatio: readAll ? rate('export jsonl') / readAll : null,
      // Two verdicts: the ratio holds on a loaded machine, the absolute rate needs the read ceiling above it.
      verifyVerdicts:
        target === 'postgres'
          ? [verdict(`verify ≥ ${VERIFY_RATIO}× readAll`, verifyRate >= VERIFY_RATIO * readAll), verdict(`verify ≥ ${formatInt(VERIFY_EVENTS_PER_SEC)} ev/s`, verifyRate >= VERIFY_EVENTS_PER_SEC)]
          : [verdict('none (embedded)', null)],
      appends,
    };
  } finally {
    await log.close();
  }
};

export const auditPart: BenchPart = {
  name: 'audit',
  async run(config) {
    const results: AuditTargetResult[] = [];
    for (const target of selectedLogTargets(config)) results.push(await runTarget(target, config));
    printAuditTables(results);
    const path = await writeJsonResult(config.resultsDir, 'audit', {
      part: 'audit',
      finishedAt: new Date().toISOString(),
      scale: config.scale,
      machine: { cpus: cpus().length, node: process.version },
      targets: results,
    });
    progress(`audit results written to ${path}`);
    return results.flatMap((result) => {
      const verify = result.readers.find((reader) => reader.name === CLI_VERIFY.name);
      const verifyRate = verify?.measurement.eventsPerSec ?? null;
      return [
        ...result.verifyVerdicts.map((verifyVerdict) =>
          targetOutcome(
            'audit',
            `verify on ${result.target}: ${verifyVerdict.target}`,
            { value: verifyRate === null ? 'n/a' : `${formatInt(verifyRate)} ev/s`, amount: verifyRate, ratio: result.verifyRatio },
            verifyVerdict,
          ),
        ),
        targetOutcome(
          'audit',
          `appends with the checkpointer on ${result.target}`,
          {
            value: `${(result.appends.overhead * 100).toFixed(1)}% overhead`,
            amount: result.appends.overhead,
            ratio: 1 - result.appends.overhead,
          },
          result.appends.verdict,
        ),
      ];
    });
  },
};
