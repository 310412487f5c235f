import { cpus } from 'node:os';
import type { BenchPart } from '../shared/bench-part';
import {
  openBenchLog,
  selectedLogTargets,
  type LogTarget,
} from '../shared/bench-log';
import { scaled, type BenchConfig } from '../shared/config';
import { formatInt, progress, writeJsonResult } from '../shared/report';
import { seedLog } from '../shared/seed-log';
import { summarize, type Sample } from '../shared/stats';
import { targetOutcome } from '../shared/target-summary';
import { verdict } from '../shared/target-verdict';
import {
  openRebuildRuntime,
  projectionRebuild,
  readAllPass,
  type RebuildContender,
} from './rebuild-contenders';
import { printRebuildTable, type RebuildTargetResult } from './rebuild.table';

const CONTENDERS: readonly RebuildContender[] = [
  projectionRebuild,
  readAllPass,
];
/** The target, on PostgreSQL; PGlite (embedded) is shown without one. */
const TARGET_EVENTS_PER_SEC: Partial<Record<LogTarget, number>> = {
  postgres: 50_000,
};
/** Seeded 25 events per append (keeps seeding short); streams round-robin, so a rebuild batch spans ~80 streams. */
const EVENTS_PER_APPEND = 25;

const runTarget = async (
  target: LogTarget,
  config: BenchConfig,
): Promise<RebuildTargetResult> => {
  const size = {
    events: scaled(config, 100_000, 2_000),
    streams: scaled(config, 2_000, 40),
  };
  const log = await openBenchLog(target, config, 'rebuild');
  try {
    await seedLog(log.store, {
      ...size,
      eventsPerAppend: EVENTS_PER_APPEND,
      label: `[rebuild ${target}]`,
    });
    const runtime = await openRebuildRuntime(log);
    const samples = new Map(
      CONTENDERS.map(({ name }) => [name, [] as Sample[]]),
    );
    for (let round = 0; round < config.rounds; round++) {
      const shift = round % CONTENDERS.length;
      for (const contender of [
        ...CONTENDERS.slice(shift),
        ...CONTENDERS.slice(0, shift),
      ]) {
        const sample = await contender.run(log, runtime, size.events);
        samples.get(contender.name)?.push(sample);
        progress(
          `[rebuild ${target}] round ${round + 1}/${config.rounds} ${contender.name}: ${formatInt((sample.events / sample.totalMs) * 1000)} ev/s`,
        );
      }
    }
    await runtime.stop();
    const contenders = CONTENDERS.map(({ name }) => ({
      name,
      measurement: summarize(samples.get(name) ?? []),
    }));
    const [rebuild, read] = contenders.map(
      ({ measurement }) => measurement.eventsPerSec,
    );
    const goal = TARGET_EVENTS_PER_SEC[target];
    return {
      target,
      size,
      rounds: config.rounds,
      contenders,
      ratio: read ? rebuild / read : null,
      verdict:
        goal === undefined
          ? verdict('none (embedded)', null)
          : verdict(`≥ ${formatInt(goal)} ev/s`, rebuild >= goal),
    };
  } finally {
    await log.close();
  }
};

export const rebuildPart: BenchPart = {
  name: 'rebuild',
  async run(config) {
    const results: RebuildTargetResult[] = [];
    for (const target of selectedLogTargets(config))
      results.push(await runTarget(target, config));
    printRebuildTable(results);
    const path = await writeJsonResult(config.resultsDir, 'rebuild', {
      part: 'rebuild',
      finishedAt: new Date().toISOString(),
      scale: config.scale,
      machine: { cpus: cpus().length, node: process.version },
      targets: results,
    });
    progress(`rebuild results written to ${path}`);
    return results.map((result) => {
      const rebuild = result.contenders[0].measurement.eventsPerSec;
      return targetOutcome(
        'rebuild',
        `projection rebuild on ${result.target}`,
        {
          value: `${formatInt(rebuild)} ev/s`,
          amount: rebuild,
          ratio: result.ratio,
        },
        result.verdict,
      );
    });
  },
};
