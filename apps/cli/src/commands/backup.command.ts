import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { BackupSummary } from '@itsm/operations';
import { JWT_SECRET_FILE } from '@itsm/platform-kit/settings';
import { settingsOf, withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';

export interface BackupCommandOptions extends EventLogAccess {
  out: string;
  json?: boolean;
  progressBar?: boolean;
}

/** The data directory's files that the log cannot give back (the generated JWT key), when they exist. */
const dataDirectorySecrets = (dataDir: string): Record<string, string> => {
  const path = join(dataDir, JWT_SECRET_FILE);
  return existsSync(path) ? { [JWT_SECRET_FILE]: readFileSync(path, 'utf8') } : {};
};

/** Backs up the configured log into one file, beside a running platform if one holds the data directory. */
export const runBackup = (options: BackupCommandOptions): Promise<BackupSummary> => {
  const out = resolve(options.out);
  if (existsSync(out)) throw new Error(`${out} exists already; choose another file`);
  const settings = settingsOf(options);
  return withEventLog('itsm backup', 'reader', options, async (log) => {
    const { writeBackup } = await import('@itsm/operations');
    const bar = progressBar('backup', 'events', 0, options.progressBar ?? !options.json);
    try {
      return await writeBackup({ ...log, store: log.storedStore, secrets: settings.DATABASE_URL ? {} : dataDirectorySecrets(settings.ITSM_DATA_DIR) }, out, {
        onProgress: ({ position, headPosition }) => bar.update(position, headPosition),
      });
    } finally {
      bar.stop();
    }
  });
};

export const backupCommand = (): Command =>
  new Command('backup')
    .description('write the event log, number sequences and generated key into one file (while the platform runs, too)')
    .requiredOption('--out <file>', 'the backup file to write (refused if it exists)')
    .option('--data-dir <dir>', 'embedded data directory (default: ITSM_DATA_DIR or ./data)')
    .option('--json', 'print the result as JSON')
    .action(async (options: BackupCommandOptions) => {
      const summary = await runBackup(options);
      process.stdout.write(
        options.json
          ? `${JSON.stringify(summary)}\n`
          : `backed up ${summary.events} events (up to position ${summary.lastPosition}) and ${summary.sequences} number sequences into ${summary.file} (${summary.bytes} bytes)\n`,
      );
    });
