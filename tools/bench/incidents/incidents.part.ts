import { createPgExecutor, createPostgresEventStore, type SqlExecutor } from '@itsm/event-store';
import { SqlIncidentCatalog } from '@itsm/incidents-application';
import { createIncidentReadModels, incidentListTablesIn, incidentProjections } from '@itsm/incidents-read-models';
import { ProjectionRuntime } from '@itsm/projections';
import { seedIncidents, type SeedIncidentsResult } from '../../../apps/cli/src/commands/seed-incidents';
import type { BenchPart } from '../shared/bench-part';
import { scaled, type BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { formatMs, progress, writeJsonResult } from '../shared/report';
import { targetOutcome, type TargetOutcome } from '../shared/target-summary';
import { runAsOfBench } from './incident-as-of-bench';
import { PAGE_SIZE, runListCase } from './incident-list-bench';
import { listCases } from './incident-list-cases';
import { caseVerdict, printIncidentsTables, worstP99, type IncidentsBenchResult, type SeedRate } from './incidents.table';

const READ_MODEL_SCHEMA = 'read_models';

const positiveIntegerFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const value = env[name] === undefined ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${env[name]}"`);
  return value;
};

/** Logs seed progress every 5%, with the rate so far and an ETA. */
const seedProgressReporter = (count: number) => {
  const started = performance.now();
  let reported = 0;
  return ({ incidents, events }: { incidents: number; events: number }) => {
    if (incidents < count && incidents - reported < count / 20) return;
    reported = incidents;
    const seconds = (performance.now() - started) / 1000;
    const eta = Math.round((seconds / incidents) * (count - incidents));
    progress(`   seeded ${incidents}/${count} incidents, ${Math.round(events / seconds)} events/s, ETA ${eta}s`);
  };
};

const seedRate = (seeded: SeedIncidentsResult, writers: number): SeedRate => ({
  incidents: seeded.incidents,
  ms: Math.round(seeded.ms),
  eventsPerSec: Math.round((seeded.events / seeded.ms) * 1000),
  incidentsPerSec: Math.round((seeded.incidents / seeded.ms) * 1000),
  writers,
});

/** The tables the seed grows; their planner statistics go stale as they grow from empty. */
const SEEDED_TABLES = ['event_store.events'];

/**
 * ANALYZE of the seeded tables every 10% of the seed: what autovacuum does on a live server, done here because a
 * server may run with autovacuum off, and a planner that still believes the tables empty picks scans that grow with them.
 */
const statisticsKeeper = (db: SqlExecutor, count: number) => {
  let analyzedAt = 0;
  let running: Promise<void> = Promise.resolve();
  return {
    onProgress: ({ incidents }: { incidents: number }) => {
      if (incidents - analyzedAt < count / 10) return;
      analyzedAt = incidents;
      running = running.then(() => db.exec(`ANALYZE ${SEEDED_TABLES.join(', ')}`)).catch((error: unknown) => progress(`   ANALYZE failed: ${String(error)}`));
    },
    settled: () => running,
  };
};

const run = async (config: BenchConfig, env: NodeJS.ProcessEnv = process.env): Promise<TargetOutcome[]> => {
  const count = positiveIntegerFrom(env, 'BENCH_INCIDENTS', scaled(config, 100_000, 1_000));
  const writers = positiveIntegerFrom(env, 'BENCH_INCIDENT_WRITERS', 16);
  const iterations = positiveIntegerFrom(env, 'BENCH_LIST_ITERATIONS', 200);
  const deepOffset = positiveIntegerFrom(env, 'BENCH_DEEP_OFFSET', 10_000);
  const scratch = await createScratchDatabase(config.databaseUrl, 'incidents');
  const store = await createPostgresEventStore({ connectionString: scratch.connectionString, poolSize: writers });
  const db = createPgExecutor({ connectionString: scratch.connectionString, max: 8 });
  try {
    progress(` incidents: seeding ${count} through the incident handlers on staged streams, 50 per append (${writers} writers) into ${scratch.name}`);
    const reportSeed = seedProgressReporter(count);
    const statistics = statisticsKeeper(db, count);
    const seeded = await seedIncidents(
      { store, db },
      {
        count,
        batch: writers,
        append: 'per-incident',
        onProgress: (seedProgress) => {
          reportSeed(seedProgress);
          statistics.onProgress(seedProgress);
        },
      },
    );
    await statistics.settled();
    // The API's shape (one append per command) on the same log: its rate, and streams whose events were recorded
    // at different instants, which is what an asOf fold cuts through.
    const commandCount = Math.min(count, positiveIntegerFrom(env, 'BENCH_COMMAND_INCIDENTS', 2_000));
    progress(` incidents: ${commandCount} more, one append per command`);
    const perCommand = await seedIncidents(
      { store, db },
      { count: commandCount, batch: writers, append: 'per-command', onServices: seeded.services, onProgress: seedProgressReporter(commandCount) },
    );

    progress(' incidents: catching up the incident read models');
    const runtime = await ProjectionRuntime.create({ db, source: store, projections: incidentProjections, schema: READ_MODEL_SCHEMA });
    const projected = performance.now();
    await runtime.catchUp();
    const projectionMs = performance.now() - projected;
    await runtime.stop();
    const [{ head }] = await db.query<{ head: number }>(`SELECT count(*)::int AS head FROM event_store.events`);
    // What autovacuum would have done by now on a live system: planner statistics for the fresh table.
    await db.exec(`ANALYZE ${READ_MODEL_SCHEMA}.incident_list`);

    const tables = incidentListTablesIn(READ_MODEL_SCHEMA);
    const { list } = createIncidentReadModels({ db, schema: READ_MODEL_SCHEMA });
    const results = [];
    for (const listCase of listCases(seeded.services)) {
      progress(` incidents: list — ${listCase.name}`);
      results.push(await runListCase(db, list, tables, listCase, { iterations, deepOffset }));
    }
    progress(' incidents: asOf folds');
    const asOf = await runAsOfBench(store, new SqlIncidentCatalog(db), perCommand.incidentIds, Math.min(500, commandCount));

    const result: IncidentsBenchResult = {
      incidents: seeded.incidents + perCommand.incidents,
      events: seeded.events + perCommand.events,
      seed: { perIncident: seedRate(seeded, writers), perCommand: seedRate(perCommand, writers) },
      readModels: { ms: Math.round(projectionMs), eventsPerSec: Math.round((head / projectionMs) * 1000) },
      pageSize: PAGE_SIZE,
      iterations,
      list: results,
      asOf,
    };
    printIncidentsTables(result);
    progress(` wrote ${await writeJsonResult(config.resultsDir, 'incidents', result)}`);
    return result.list.map((listCase) =>
      targetOutcome('incidents', `list: ${listCase.name}`, { value: `p99 ${formatMs(worstP99(listCase))} ms`, amount: worstP99(listCase) }, caseVerdict(listCase)),
    );
  } finally {
    await store.close();
    await db.close();
    await scratch.drop();
  }
};

/**
 * Incidents at scale (issue #6): seed through the real command path on PostgreSQL, build the read models, then
 * list/search latency (keyset vs. the same query with OFFSET) and the asOf fold.
 */
export const incidentsPart: BenchPart = { name: 'incidents', run: (config) => run(config) };
