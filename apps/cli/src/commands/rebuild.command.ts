import { Command } from 'commander';
import type { EventLog } from '@itsm/platform-kit';
import type { Projection, RebuildProgress } from '@itsm/projections';
import { withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { UsageError } from '../cli/exit-codes';
import { platformProjections } from '../cli/platform-projections';
import { progressBar } from '../cli/progress-bar';

export interface RebuildCommandOptions extends EventLogAccess {
  all?: boolean;
  json?: boolean;
  progressBar?: boolean;
}


/**
 * Rebuilds projections from the log into shadow tables and swaps them in, one after another, with a progress bar
 * each: what `projector rebuild` and POST /admin/projections/:name/rebuild do. Beside a running platform it uses
 * the platform's server, whose live appliers keep the old tables current until each swap.
 */
export const runRebuild = async (names: readonly string[], options: RebuildCommandOptions): Promise<RebuildProgress[]> => {
  const projections = await platformProjections();
  const known = projections.map((projection) => projection.name);
  if (Boolean(options.all) === names.length > 0) throw new UsageError(`name the projections to rebuild or give --all (one of: ${known.join(', ')})`);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`no projection ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const selected = options.all ? known : [...names];
  return withEventLog('itsm rebuild', 'reader', options, (log) => rebuildOn(log, projections, selected, options));
};

/** Rebuilds the `selected` projections on an open log, one after another, each with its progress bar. */
export const rebuildOn = async (
  log: EventLog,
  projections: readonly Projection[],
  selected: readonly string[],
  options: Pick<RebuildCommandOptions, 'json' | 'progressBar'>,
): Promise<RebuildProgress[]> => {
  const { ProjectionRuntime } = await import('@itsm/projections');
  const runtime = await ProjectionRuntime.create({ db: log.db, source: log.store, projections });
  const results: RebuildProgress[] = [];
  try {
    for (const name of selected) {
      const bar = progressBar(name.padEnd(Math.max(...selected.map((entry) => entry.length))), 'events', 0, options.progressBar ?? !options.json);
      try {
        const handle = runtime.rebuild(name, (progress) => bar.update(progress.done, progress.total));
        await handle.finished;
        results.push(handle.tracker.snapshot());
      } finally {
        bar.stop();
      }
    }
  } finally {
    await runtime.stop();
  }
  return results;
};

export const rebuildCommand = (): Command =>
  new Command('rebuild')
    .description('rebuild projections from the log (shadow tables, then an atomic swap; reads keep being served), with progress')
    .argument('[projections...]', 'projection names (see GET /admin/projections)')
    .option('--all', 'every projection the platform hosts')
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data); may be in use by a running platform')
    .option('--json', 'print the results as JSON')
    .action(async (names: string[], options: RebuildCommandOptions) => {
      const results = await runRebuild(names, options);
      process.stdout.write(
        options.json
          ? `${JSON.stringify(results)}\n`
          : results.map((result) => `rebuilt ${result.projection}: ${result.done} events read, ${result.eventsApplied} applied, ${result.eventsPerSecond} events/s\n`).join(''),
      );
    });
