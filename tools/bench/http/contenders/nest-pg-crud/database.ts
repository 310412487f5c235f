import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@itsm/embedded-postgres';

export interface CrudDatabase {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Where the CRUD app keeps its table: the scratch database in DATABASE_URL, or else an embedded PostgreSQL in
 * ITSM_DATA_DIR started the way the platform starts its own (same binaries, durable commits, a Unix socket).
 */
export const openCrudDatabase = async (): Promise<CrudDatabase> => {
  const url = process.env['DATABASE_URL'];
  if (url) return { connectionString: url, stop: async () => undefined };
  const dataDir = process.env['ITSM_DATA_DIR'];
  if (!dataDir) throw new Error('Set DATABASE_URL or ITSM_DATA_DIR');
  mkdirSync(dataDir, { recursive: true });
  const server = await startEmbeddedPostgres({ directory: join(dataDir, 'postgres') });
  return { connectionString: server.connectionString, stop: () => server.stop() };
};
