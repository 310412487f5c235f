import { cpus } from 'node:os';
import type { BenchPart } from '../shared/bench-part';
import type { BenchConfig } from '../shared/config';
import { progress, writeJsonResult } from '../shared/report';
import { EVENT_STORE_CASES } from './cases';
import type { Contender } from './contender';
import { printTargetTable } from './event-store.table';
import type { CaseResult, CellResult, TargetResult } from './results';
import { eventStoreTargets, type Target } from './targets';

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const oneLine = (name: string, cell: CellResult): string =>
  'measurement' in cell
    ? `${name} ${cell.measurement.eventsPerSec.toLocaleString('en-US')} ev/s`
    : 'skipped' in cell
      ? `${name} skipped`
      : `${name} ERROR (${cell.error})`;

const runTarget = async (target: Target, config: BenchConfig): Promise<TargetResult> => {
  const running = new Map<string, Contender>();
  const failedToStart = new Map<string, CellResult>();
  for (const entry of target.contenders) {
    if (!entry.start) {
      failedToStart.set(entry.name, { skipped: entry.skipped ?? 'not available' });
      continue;
    }
    try {
      running.set(entry.name, await entry.start());
    } catch (error) {
      failedToStart.set(entry.name, { error: `start failed: ${errorMessage(error)}` });
    }
  }
  const written = new Map([...running.keys()].map((name) => [name, { written: 0 }]));
  const cases: CaseResult[] = [];
  try {
    for (const [index, benchCase] of EVENT_STORE_CASES.entries()) {
      const results: Record<string, CellResult> = {};
      // Contenders take turns within each case, so slow drifts of the machine spread over all of them.
      for (const entry of target.contenders) {
        const contender = running.get(entry.name);
        if (!contender) {
          results[entry.name] = failedToStart.get(entry.name)!;
          continue;
        }
        try {
          results[entry.name] = { measurement: await benchCase.run(contender, written.get(entry.name)!, config) };
        } catch (error) {
          results[entry.name] = { error: errorMessage(error) };
        }
      }
      cases.push({ id: benchCase.id, title: benchCase.title, sizes: benchCase.describe(config), results });
      progress(
        `[${target.name}] ${index + 1}/${EVENT_STORE_CASES.length} ${benchCase.title}: ` +
          Object.entries(results)
            .map(([name, cell]) => oneLine(name, cell))
            .join(' · '),
      );
    }
  } finally {
    for (const [name, contender] of running) {
      await contender.close().catch((error) => progress(`[${target.name}] closing ${name} failed: ${errorMessage(error)}`));
    }
  }
  return { target: target.name, contenders: target.contenders.map(({ name }) => name), cases };
};

export const eventStorePart: BenchPart = {
  name: 'event-store',
  async run(config) {
    const targets = eventStoreTargets(config).filter(({ name }) => !config.targets || config.targets.includes(name));
    const results: TargetResult[] = [];
    for (const target of targets) {
      progress(`[${target.name}] starting ${target.contenders.map(({ name }) => name).join(', ')} (BENCH_SCALE=${config.scale})`);
      const result = await runTarget(target, config);
      results.push(result);
      printTargetTable(result);
    }
    const path = await writeJsonResult(config.resultsDir, 'event-store', {
      part: 'event-store',
      finishedAt: new Date().toISOString(),
      scale: config.scale,
      machine: { cpus: cpus().length, node: process.version },
      targets: results,
    });
    progress(`event-store results written to ${path}`);
  },
};
