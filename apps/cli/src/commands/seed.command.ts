import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { openEventLog, validateRuntimeConfig } from '@itsm/platform-kit';
import { SEED_APPEND_MODES, seedIncidents, type SeedAppendMode, type SeedIncidentsResult } from './seed-incidents';

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
 * Seeds the configured store (DATABASE_URL, else the embedded data folder) with a catalog and `count` incidents
 * through the incident commands, showing done/total, events/s and ETA.
 */
export const runSeedIncidents = async (options: SeedIncidentsCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<SeedIncidentsResult> => {
  const log = await openEventLog(validateRuntimeConfig(env));
  const bar = new SingleBar(
    { format: 'incidents [{bar}] {percentage}% | {value}/{total} | {rate} events/s | ETA {eta_formatted}', etaBuffer: 200, noTTYOutput: false },
    Presets.shades_classic,
  );
  const started = performance.now();
  if (options.progressBar !== false) bar.start(options.count, 0, { rate: 0 });
  try {
    return await seedIncidents(log, {
      count: options.count,
      services: options.services,
      batch: options.batch,
      append: options.append,
      incidentsPerAppend: options.incidentsPerAppend,
      now: options.now,
      onProgress: ({ incidents, events }) => {
        if (options.progressBar !== false) bar.update(incidents, { rate: Math.round((events / (performance.now() - started)) * 1000) });
      },
    });
  } finally {
    if (options.progressBar !== false) bar.stop();
    await log.close();
  }
};

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
