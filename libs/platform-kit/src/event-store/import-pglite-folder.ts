import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@itsm/embedded-postgres';
import { createPgExecutor, createPgliteEventStore, createPgliteExecutor, createPostgresEventStore, openPglite } from '@itsm/event-store';
import { readNumberSequences, restoreNumberSequences } from '@itsm/operations';
import { readHeadPosition } from '@itsm/projections';

type Log = (message: string, level: 'info' | 'warn') => void;

/** Where the import is built; renamed to the cluster folder only when complete. */
const stagingFolderOf = (cluster: string) => `${cluster}.import`;

/**
 * Data directories written before the embedded PostgreSQL held PGlite's files in `<dir>/pglite`. The first start
 * copies that event log, exactly (positions, times, hashes), with the INC and SVC number sequences, into a new
 * cluster: built in a staging folder and renamed into place when complete, so a crash during the copy only means
 * copying again. The PGlite folder is then kept beside, renamed, not deleted. Read models rebuild from the log.
 */
export const importEarlierPgliteFolder = async (dataDir: string, cluster: string, pgliteFolder: string, log: Log): Promise<void> => {
  if (existsSync(cluster) || !existsSync(pgliteFolder)) return;
  const staging = stagingFolderOf(cluster);
  rmSync(staging, { recursive: true, force: true });
  log(`${pgliteFolder} holds a PGlite event log from an earlier version: copying it into an embedded PostgreSQL`, 'info');

  let source;
  try {
    source = await openPglite(pgliteFolder);
  } catch (error) {
    throw new Error(
      `The earlier PGlite folder ${pgliteFolder} cannot be opened (${String(error)}); PGlite's files may have been damaged by a crash. ` +
        'Restore a backup (itsm restore), or move the folder away to start empty.',
    );
  }
  const sourceDb = createPgliteExecutor(source, { ownsDatabase: true });
  const server = await startEmbeddedPostgres({ directory: staging });
  const targetDb = createPgExecutor({ connectionString: server.connectionString, max: 2 });
  try {
    const sourceStore = await createPgliteEventStore({ db: source });
    const targetStore = await createPostgresEventStore({ connectionString: server.connectionString, poolSize: 2 });
    const head = await readHeadPosition(sourceStore);
    let position = -1;
    let copied = 0;
    let reported = 0;
    for (;;) {
      const page = await sourceStore.readAll({ fromPosition: position, maxCount: 5_000 });
      if (page.events.length === 0) break;
      await targetStore.importEvents?.(page.events);
      copied += page.events.length;
      position = page.lastPosition;
      if (position - reported >= head / 10) {
        reported = position;
        log(`copied ${copied} events (position ${position} of ${head})`, 'info');
      }
    }
    await restoreNumberSequences(targetDb, await readNumberSequences(sourceDb));
    await Promise.all([sourceStore.close(), targetStore.close()]);
    log(`copied ${copied} events; read models rebuild from the log as the platform starts`, 'info');
  } finally {
    await targetDb.close();
    await server.stop();
    await sourceDb.close();
  }
  renameSync(staging, cluster);
  const kept = join(dataDir, `pglite.imported-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  renameSync(pgliteFolder, kept);
  log(`the PGlite folder is kept as ${kept}; delete it once the platform serves what you expect`, 'info');
};
