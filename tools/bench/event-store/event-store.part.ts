import { cpus } from 'node:os';
import type { BenchPart } from '../shared/bench-part';
import type { BenchConfig } from '../shared/config';
import { progress, writeJsonResult } from '../shared/report';
import { summarize, type Sample } from '../shared/stats';
import { EVENT_STORE_CASES, type BenchCase, type CaseContext } from './cases';
import type { Contender } from './contender';
import { printTargetTable } from './event-store.table';
import type { CaseResult, CellResult, TargetResult } from './results';
import { eventStoreTargets, type Target } from './targets';
import { writerTargets } from './writer-targets';

const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const oneLine = (name: string, cell: CellResult): string =>
  'measurement' in cell
    ? `${name} ${cell.measurement.eventsPerSec.toLocaleString('en-US')} ev/s`
    : 'skipped' in cell
      ? `${name} skipped`
      : `${name} ERROR (${cell.error})`;

/** A started contender and what the cases know about its log so far. */
interface Running {
  contender: Contender;
  context: CaseContext;
}

/** Starts every contender of the target; those that cannot run get their table cell now. */
const startContenders = async (target: Target) => {
  const running = new Map<string, Running>();
  const notRunning = new Map<string, CellResult>();
  for (const entry of target.contenders) {
    if ('skipped' in entry) {
      notRunning.set(entry.name, { skipped: entry.skipped });
      continue;
    }
    try {
      running.set(entry.name, {
        contender: await entry.start(),
        context: { written: 0 },
      });
    } catch (error) {
      notRunning.set(entry.name, {
        error: `start failed: ${errorMessage(error)}`,
      });
    }
  }
  return { running, notRunning };
};

/** Runs one case on every running contender; a contender that fails stops there for this case. */
const runCase = async (
  benchCase: BenchCase,
  running: Map<string, Running>,
  config: BenchConfig,
): Promise<Map<string, CellResult>> => {
  const samples = new Map(
    [...running.keys()].map((name) => [name, [] as Sample[]]),
  );
  const errors = new Map<string, string>();
  // Contenders take turns, and who goes first rotates each round, so drifts of a shared machine (and the
  // vacuum or checkpoint left behind by whoever ran before) spread over all of them.
  const contenders = [...running];
  for (let round = 0; round < config.rounds; round++) {
    const shift = round % contenders.length;
    for (const [name, { contender, context }] of [
      ...contenders.slice(shift),
      ...contenders.slice(0, shift),
    ]) {
      if (errors.has(name)) continue;
      try {
        samples
          .get(name)
          ?.push(await benchCase.run(contender, context, config));
      } catch (error) {
        errors.set(name, errorMessage(error));
      }
    }
  }
  return new Map(
    [...samples].map(([name, sampled]): [string, CellResult] => {
      const error = errors.get(name);
      return [name, error ? { error } : { measurement: summarize(sampled) }];
    }),
  );
};

const runTarget = async (
  target: Target,
  config: BenchConfig,
): Promise<TargetResult> => {
  const { running, notRunning } = await startContenders(target);
  const cases: CaseResult[] = [];
  try {
    const selected = EVENT_STORE_CASES.filter(({ id }) => !config.cases || config.cases.includes(id));
    for (const [index, benchCase] of selected.entries()) {
      const cells = new Map([
        ...notRunning,
        ...(await runCase(benchCase, running, config)),
      ]);
      // In the target's column order.
      const results: Record<string, CellResult> = {};
      for (const { name } of target.contenders) {
        const cell = cells.get(name);
        if (cell) results[name] = cell;
      }
      cases.push({
        id: benchCase.id,
        title: benchCase.title,
        sizes: benchCase.describe(config),
        results,
      });
      const summary = Object.entries(results).map(([name, cell]) =>
        oneLine(name, cell),
      );
      progress(
        `[${target.name}] ${index + 1}/${selected.length} ${benchCase.title}: ${summary.join(' · ')}`,
      );
    }
  } finally {
    for (const [name, { contender }] of running) {
      await contender
        .close()
        .catch((error) =>
          progress(
            `[${target.name}] closing ${name} failed: ${errorMessage(error)}`,
          ),
        );
    }
  }
  return {
    target: target.name,
    rounds: config.rounds,
    contenders: target.contenders.map(({ name }) => name),
    cases,
  };
};

export const eventStorePart: BenchPart = {
  name: 'event-store',
  async run(config) {
    const all = eventStoreTargets(config);
    const unknown = (config.targets ?? []).filter(
      (name) => !all.some((target) => target.name === name),
    );
    if (unknown.length) {
      throw new Error(
        `Unknown BENCH_TARGETS: ${unknown.join(', ')} (known: ${all.map(({ name }) => name).join(', ')})`,
      );
    }
    const targets = all.filter(
      ({ name }) => !config.targets || config.targets.includes(name),
    );
    const results: TargetResult[] = [];
    for (const target of targets) {
      progress(
        `[${target.name}] starting ${target.contenders.map(({ name }) => name).join(', ')} (BENCH_SCALE=${config.scale}, BENCH_ROUNDS=${config.rounds})`,
      );
      const result = await runTarget(target, config);
      results.push(result);
      printTargetTable(result);
    }
    const path = await writeJsonResult(config.resultsDir, 'event-store', {
      part: 'event-store',
      finishedAt: new Date().toISOString(),
      scale: config.scale,
      rounds: config.rounds,
      machine: { cpus: cpus().length, node: process.version },
      targets: results,
      issueTargets: results.flatMap(writerTargets),
    });
    progress(`event-store results written to ${path}`);
    return results.flatMap(writerTargets);
  },
};
