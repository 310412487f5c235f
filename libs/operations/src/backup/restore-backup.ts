import { restoreSubjectKeys, type EventStore, type SqlSession } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import { restoreNumberSequences } from './number-sequences';
import { backupEvents, checkBackup, type BackupCheckProgress } from './read-backup';

export class RestoreTargetNotEmpty extends Error {
  constructor(head: number) {
    super(`The target event log is not empty (it reaches position ${head}): restore into an empty data directory or database`);
    this.name = 'RestoreTargetNotEmpty';
  }
}

export interface RestoreTarget {
  store: EventStore;
  db: SqlSession;
}

export interface RestoreProgress {
  phase: 'check' | 'restore';
  events: number;
  /** Events in the backup (known once checked). */
  total: number | null;
}

export interface RestoreSummary {
  events: number;
  lastPosition: number;
  sequences: number;
  /** The data directory's files that were saved with the log (the generated JWT key): the caller writes them back. */
  secrets: Record<string, string>;
}

/**
 * Restores a backup into an empty event log: the file is checked whole first (digest, hash chains, count), then
 * its events are written back exactly, in batches, and the number sequences set where they were. Read models
 * are rebuilt from the log when a host next starts.
 */
export const restoreBackup = async (
  file: string,
  target: RestoreTarget,
  options: { batchSize?: number; onProgress?(progress: RestoreProgress): void } = {},
): Promise<RestoreSummary> => {
  const importEvents = target.store.importEvents?.bind(target.store);
  if (!importEvents) throw new Error('This event store cannot keep recorded positions (EventStoreDB): restore into PostgreSQL or the embedded store');
  const head = await readHeadPosition(target.store);
  if (head > 0) throw new RestoreTargetNotEmpty(head);

  const { trailer } = await checkBackup(file, ({ events }: BackupCheckProgress) => options.onProgress?.({ phase: 'check', events, total: null }));
  options.onProgress?.({ phase: 'check', events: trailer.events, total: trailer.events });
  let restored = 0;
  for await (const batch of backupEvents(file, options.batchSize ?? 2_000)) {
    await importEvents(batch);
    restored += batch.length;
    options.onProgress?.({ phase: 'restore', events: restored, total: trailer.events });
  }
  await restoreNumberSequences(target.db, trailer.sequences);
  if (trailer.subjectKeys) await restoreSubjectKeys(target.db, trailer.subjectKeys);
  return { events: restored, lastPosition: trailer.lastPosition, sequences: trailer.sequences.length, secrets: trailer.secrets };
};
