import { join } from 'node:path';

/**
 * The settings a CLI spec on the PostgreSQL server runs with: the test's database and data folder, no EventStoreDB,
 * and none of the machine's audit key or copy settings (the key is generated into the data folder).
 */
export const serverLogEnv = (databaseUrl: string, folder: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, ITSM_DATA_DIR: join(folder, 'data'), LOG_LEVEL: 'silent' };
  for (const name of ['EVENTSTORE_URL', 'ITSM_AUDIT_SIGNING_KEY', 'ITSM_AUDIT_CHECKPOINT_COPY_DIR']) delete env[name];
  return env;
};
