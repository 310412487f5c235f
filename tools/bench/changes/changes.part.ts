import { createPgExecutor, createPostgresEventStore, type SqlExecutor } from '@itsm/event-store';
import { changesApplicationProjections, SqlChangeCatalog, SqlChangeIncidents } from '@itsm/changes-application';
import { changeScheduleProjection, createChangesReadModels } from '@itsm/changes-read-models';
import { ProjectionRuntime } from '@itsm/projections';
import type { BenchPart } from '../shared/bench-part';
import { scaled, type BenchConfig } from '../shared/config';
import { createScratchDatabase } from '../shared/postgres-database';
import { formatMs, progress, writeJsonResult } from '../shared/report';
import { targetOutcome, type TargetOutcome } from '../shared/target-summary';
import { PAGE_SIZE, runMonthSchedule, runNewChangeCheck } from './changes-bench';
import { prng, seedChanges } from './changes-seed';
import { changesCaseVerdict, changesTargetCases, printChangesTables, type ChangesBenchResult } from './changes.table';
import { createNaiveTables } from './naive-conflicts';

const READ_MODEL_SCHEMA = 'read_models';
const CHECK_TARGET_MS = 20;
const SCHEDULE_TARGET_MS = 50;

const positiveIntegerFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const value = env[name] === undefined ? fallback : Number(env[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${env[name]}"`);
  return value;
};

/** Warms both contenders' caches (and the catalog copy's graph in memory) before anything is timed. */
const warmUp = async (db: SqlExecutor, run: (iterations: number) => Promise<unknown>) => {
  await run(10);
  await db.exec('SELECT 1');
};

const run = async (config: BenchConfig, env: NodeJS.ProcessEnv = process.env): Promise<TargetOutcome[]> => {
  const changes = positiveIntegerFrom(env, 'BENCH_CHANGES', scaled(config, 10_000, 200));
  const services = positiveIntegerFrom(env, 'BENCH_CHANGE_SERVICES', scaled(config, 1_000, 50));
  const iterations = positiveIntegerFrom(env, 'BENCH_CHANGE_ITERATIONS', 200);
  const scratch = await createScratchDatabase(config.databaseUrl, 'changes');
  const store = await createPostgresEventStore({ connectionString: scratch.connectionString, poolSize: 4 });
  const db = createPgExecutor({ connectionString: scratch.connectionString, max: 4 });
  try {
    progress(` changes: seeding ${services} services and ${changes} scheduled changes into ${scratch.name}`);
    const seedStarted = performance.now();
    const seeded = await seedChanges(store, { services, changes }, (done) => {
      if (done % Math.max(1, Math.round(changes / 5)) === 0 || done === changes) progress(`   ${done}/${changes} changes`);
    });
    const seedMs = performance.now() - seedStarted;
    await db.exec('ANALYZE event_store.events');

    progress(' changes: catching up the schedule and the catalog and incidents copies');
    const runtime = await ProjectionRuntime.create({
      db,
      source: store,
      projections: [changeScheduleProjection, ...changesApplicationProjections()],
      schema: READ_MODEL_SCHEMA,
    });
    const projected = performance.now();
    await runtime.catchUp();
    const projectionMs = performance.now() - projected;
    await runtime.stop();
    // What autovacuum would have done by now on a live system.
    await db.exec(`ANALYZE ${READ_MODEL_SCHEMA}.change_windows, ${READ_MODEL_SCHEMA}.freeze_windows, ${READ_MODEL_SCHEMA}.changes_catalog_dependencies, ${READ_MODEL_SCHEMA}.changes_incidents`);
    await createNaiveTables(db, READ_MODEL_SCHEMA);

    const incidents = new SqlChangeIncidents(db, READ_MODEL_SCHEMA);
    const readModels = createChangesReadModels({
      db,
      schema: READ_MODEL_SCHEMA,
      sources: { catalog: new SqlChangeCatalog(db, READ_MODEL_SCHEMA), majorIncidents: incidents, causedIncidents: incidents },
    });

    progress(` changes: conflict check of a new change (${iterations} asks per contender)`);
    await warmUp(db, (n) => runNewChangeCheck(db, readModels, prng(1), seeded.serviceIds, n));
    const newChangeCheck = await runNewChangeCheck(db, readModels, prng(2), seeded.serviceIds, iterations);
    progress(` changes: a month's schedule (${iterations} asks per contender)`);
    await warmUp(db, (n) => runMonthSchedule(db, readModels, prng(3), n));
    const monthSchedule = await runMonthSchedule(db, readModels, prng(4), iterations);

    const result: ChangesBenchResult = {
      services,
      dependencyEdges: seeded.edges,
      scheduledChanges: changes,
      freezeWindows: seeded.freezes,
      majorIncidents: seeded.majorIncidents,
      events: seeded.events,
      seed: { ms: Math.round(seedMs), eventsPerSec: Math.round((seeded.events / seedMs) * 1000) },
      readModels: { ms: Math.round(projectionMs), eventsPerSec: Math.round((seeded.events / projectionMs) * 1000) },
      iterations,
      pageSize: PAGE_SIZE,
      newChangeCheck: { ...newChangeCheck, targetMs: CHECK_TARGET_MS },
      monthSchedule: { ...monthSchedule, targetMs: SCHEDULE_TARGET_MS },
    };
    printChangesTables(result);
    progress(` wrote ${await writeJsonResult(config.resultsDir, 'changes', result)}`);
    return changesTargetCases(result).map(([name, caseResult]) =>
      targetOutcome('changes', name, { value: `p99 ${formatMs(caseResult.ours.p99)} ms`, amount: caseResult.ours.p99 }, changesCaseVerdict(caseResult)),
    );
  } finally {
    await store.close();
    await db.close();
    await scratch.drop();
  }
};

/**
 * Change conflicts at scale (issue: benchmark part `changes`): scheduled changes over services with a dependency
 * graph, written as events and projected by the real projections; the conflict check of a new change and a month's
 * schedule page, ours against a naive overlap SQL on the same data in the same run.
 */
export const changesPart: BenchPart = { name: 'changes', run: (config) => run(config) };
