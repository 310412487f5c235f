import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EmbeddedDatabaseLog, EventLog } from '@itsm/platform-kit';
import { validateRuntimeConfig } from '@itsm/platform-kit/settings';

/** The embedded database's steps (creating the cluster, crash recovery), on stderr beside the command's output. */
const stderrLog: EmbeddedDatabaseLog = (message, level) => {
  if (level !== 'debug') process.stderr.write(`itsm: ${message}\n`);
};

/** Loaded on first use only: it brings Nest, the databases and the bus, which `itsm token` does not need. */
const loadPlatformKit = () => import('@itsm/platform-kit');

/** A reader has nothing to read in a data directory that was never used (and should not create one). */
const assertHoldsData = async (dataDir: string) => {
  const { EMBEDDED_POSTGRES_FOLDER, PGLITE_FOLDER } = await loadPlatformKit();
  if (![EMBEDDED_POSTGRES_FOLDER, PGLITE_FOLDER].some((folder) => existsSync(join(dataDir, folder)))) {
    throw new Error(`${resolve(dataDir)} holds no event log (set ITSM_DATA_DIR or --data-dir to the platform's data directory)`);
  }
};

export interface EventLogAccess {
  /** Overrides ITSM_DATA_DIR. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Leave out the embedded database's steps on stderr (specs). */
  quiet?: boolean;
}

export const settingsOf = ({ dataDir, env = process.env }: EventLogAccess) =>
  validateRuntimeConfig({ ...env, ...(dataDir ? { ITSM_DATA_DIR: dataDir } : {}) });

/**
 * Runs `work` on the configured log (DATABASE_URL, EVENTSTORE_URL, else the embedded data directory) and closes
 * it after. `reader`: may share the embedded server of a platform that holds the directory; otherwise the
 * directory is locked for the command's duration (a running platform refuses it).
 */
export const withEventLog = async <T>(
  command: string,
  mode: 'reader' | 'writer',
  access: EventLogAccess,
  work: (log: EventLog) => Promise<T>,
): Promise<T> => {
  const settings = settingsOf(access);
  if (mode === 'reader' && !settings.DATABASE_URL && !settings.EVENTSTORE_URL) await assertHoldsData(settings.ITSM_DATA_DIR);
  const { openEventLog, openEventLogForReading } = await loadPlatformKit();
  const open = mode === 'reader' ? openEventLogForReading : openEventLog;
  const log = await open(settings, { command, log: access.quiet ? undefined : stderrLog });
  try {
    return await work(log);
  } finally {
    await log.close();
  }
};
