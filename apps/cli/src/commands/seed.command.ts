import { Command, InvalidArgumentError } from 'commander';
import { withEventLog } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';
import { SEED_APPEND_MODES, type SeedAppendMode } from './seed-append-modes';
import type { SeedIncidentsResult } from './seed-incidents';

export interface SeedIncidentsCommandOptions {
  count: number;
  services: number;
  batch: number;
  append: SeedAppendMode;
  incidentsPerAppend?: number;
  /** "Now" of the seeded history; default the wall clock. */
  now?: Date;
  /** Draw the progress bar (a terminal); off in tests. */
  progressBar?: boolean;
  /** Leave out the embedded database's steps on stderr (specs). */
  quiet?: boolean;
}

const appendMode = (value: string): SeedAppendMode => {
  const mode = SEED_APPEND_MODES.find((known) => known === value);
  if (!mode) throw new InvalidArgumentError(`expected one of ${SEED_APPEND_MODES.join(', ')}`);
  return mode;
};

const positiveInteger = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a positive integer');
  return parsed;
};

/**
 * Seeds the configured store (DATABASE_URL, else the embedded data folder, which it locks: stop a platform on it
 * first, or use the HTTP API) with a catalog and `count` incidents through the incident commands, with a
 * progress bar (done/total, rate, ETA).
 */
export const runSeedIncidents = (options: SeedIncidentsCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<SeedIncidentsResult> =>
  withEventLog('itsm seed incidents', 'writer', { env, quiet: options.quiet }, async (log) => {
    // Loaded here, not at the top: the catalog and incidents contexts are not needed by the other commands.
    const { seedIncidents } = await import('./seed-incidents');
    const bar = progressBar('incidents', 'incidents', options.count, options.progressBar !== false);
    try {
      return await seedIncidents(log, {
        count: options.count,
        services: options.services,
        batch: options.batch,
        append: options.append,
        incidentsPerAppend: options.incidentsPerAppend,
        now: options.now,
        onProgress: ({ incidents }) => bar.update(incidents),
      });
    } finally {
      bar.stop();
    }
  });

export const seedCommand = (): Command =>
  new Command('seed').description('write sample data through the real command path').addCommand(
    new Command('incidents')
      .description('seed services (with offerings and calendars) and N incidents in realistic states')
      .requiredOption('--count <n>', 'incidents to write', positiveInteger)
      .option('--services <n>', 'services to seed first', positiveInteger, 10)
      .option('--batch <n>', 'incidents written in parallel (distinct streams)', positiveInteger, 16)
      .option(
        '--append <mode>',
        'per-incident: each incident\'s commands staged, its life written as one append; per-command: one append per command, as through the API',
        appendMode,
        'per-incident',
      )
      .option('--incidents-per-append <n>', 'per-incident: incidents each writer stages and writes in one multi-stream append', positiveInteger, 50)
      .action(async (options: SeedIncidentsCommandOptions) => {
        const result = await runSeedIncidents(options);
        const rate = Math.round((result.events / result.ms) * 1000);
        process.stdout.write(`seeded ${result.incidents} incidents (${result.events} events) on ${result.services.length} services in ${(result.ms / 1000).toFixed(1)} s: ${rate} events/s\n`);
      }),
  );
