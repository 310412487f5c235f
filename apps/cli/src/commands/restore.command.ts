import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { RestoreSummary } from '@itsm/operations';
import { settingsOf, withEventLog, type EventLogAccess } from '../cli/event-log-access';
import { progressBar } from '../cli/progress-bar';

export interface RestoreCommandOptions extends EventLogAccess {
  json?: boolean;
  progressBar?: boolean;
}

/** A data directory takes a restore only when it is new: nothing of an earlier log may be mixed in. */
const assertEmptyDataDirectory = (dataDir: string) => {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${resolve(dataDir)} is not empty: restore into a new data directory (--data-dir), then point ITSM_DATA_DIR at it`);
  }
};

/** Restores a backup into an empty data directory (or the empty log of DATABASE_URL); read models rebuild at the next start. */
export const runRestore = async (file: string, options: RestoreCommandOptions): Promise<RestoreSummary> => {
  const backup = resolve(file);
  if (!existsSync(backup)) throw new Error(`${backup} does not exist`);
  const settings = settingsOf(options);
  if (!settings.DATABASE_URL) assertEmptyDataDirectory(settings.ITSM_DATA_DIR);
  return withEventLog('itsm restore', 'writer', options, async (log) => {
    const { restoreBackup } = await import('@itsm/operations');
    const bar = progressBar('restore', 'events', 0, options.progressBar ?? !options.json);
    try {
      const summary = await restoreBackup(backup, log, { onProgress: ({ events, total }) => bar.update(events, total ?? undefined) });
      if (!settings.DATABASE_URL) {
        for (const [name, content] of Object.entries(summary.secrets)) writeFileSync(join(settings.ITSM_DATA_DIR, name), content, { mode: 0o600 });
      }
      return summary;
    } finally {
      bar.stop();
    }
  });
};

export const restoreCommand = (): Command =>
  new Command('restore')
    .description('restore a backup into an empty data directory (checked whole first: digest, hash chains)')
    .argument('<file>', 'a file written by itsm backup')
    .option('--data-dir <dir>', 'the new data directory (default: ITSM_DATA_DIR or ./data); must be empty')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: RestoreCommandOptions) => {
      const summary = await runRestore(file, options);
      const { secrets, ...figures } = summary;
      process.stdout.write(
        options.json
          ? `${JSON.stringify({ ...figures, secrets: Object.keys(secrets) })}\n`
          : `restored ${summary.events} events (up to position ${summary.lastPosition}) and ${summary.sequences} number sequences; ` +
              'read models are rebuilt from the log when the platform next starts\n',
      );
    });
