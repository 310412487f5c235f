import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { dumpSubjectKeys, type EventStore, type SqlSession } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupLine, type BackupTrailer } from './backup-format';
import { readNumberSequences } from './number-sequences';

export interface BackupSource {
  /** The log; its stored form (`storedStore`, personal fields encrypted) is what is backed up when given. */
  store: EventStore;
  storedStore?: EventStore;
  db: SqlSession;
  /** In words, for the header (`embedded PostgreSQL 18 in /srv/itsm/data`). */
  description: string;
  /** Files of the data directory not derived from the log, by name (the generated JWT key). */
  secrets?: Record<string, string>;
}

export interface BackupProgress {
  events: number;
  position: number;
  headPosition: number;
}

export interface BackupSummary {
  file: string;
  events: number;
  lastPosition: number;
  sequences: number;
  bytes: number;
}

/** Writes lines through gzip into a file, honouring back-pressure, and hashes them as written. */
class BackupWriter {
  private readonly gzip = createGzip();
  private readonly file;
  private readonly digest = createHash('sha256');

  constructor(path: string) {
    this.file = createWriteStream(path, { mode: 0o600 });
    this.gzip.pipe(this.file);
  }

  async write(line: BackupLine, hashed = true): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    if (hashed) this.digest.update(text);
    if (!this.gzip.write(text)) await once(this.gzip, 'drain');
  }

  sha256(): string {
    return this.digest.digest('hex');
  }

  async close(): Promise<number> {
    this.gzip.end();
    await finished(this.file);
    return this.file.bytesWritten;
  }
}

/**
 * Backs up the log while it is written to: every event up to the head as the run starts (appends are
 * ordered, so that is a consistent prefix), then the number sequences (read last: they only grow, so they cover
 * every number the backed-up events use). Written to `<file>.partial` and renamed when complete.
 */
export const writeBackup = async (
  source: BackupSource,
  file: string,
  options: { batchSize?: number; onProgress?(progress: BackupProgress): void } = {},
): Promise<BackupSummary> => {
  const partial = `${file}.partial`;
  const writer = new BackupWriter(partial);
  // The events exactly as recorded: personal fields stay ciphertext, as the hashes cover them.
  const store = source.storedStore ?? source.store;
  try {
    const headPosition = await readHeadPosition(store);
    await writer.write({
      header: { format: BACKUP_FORMAT, version: BACKUP_FORMAT_VERSION, createdAt: new Date().toISOString(), source: source.description, headPosition },
    });
    let position = -1;
    let events = 0;
    let lastPosition = 0;
    while (position < headPosition) {
      const page = await store.readAll({ fromPosition: position, maxCount: options.batchSize ?? 5_000 });
      if (page.lastPosition === position) break;
      for (const event of page.events) {
        if (event.globalPosition > headPosition) break;
        await writer.write({ event });
        events++;
        lastPosition = event.globalPosition;
      }
      position = page.lastPosition;
      options.onProgress?.({ events, position: Math.min(position, headPosition), headPosition });
    }
    const sequences = await readNumberSequences(source.db);
    // Read after the events, so every key they were encrypted under is in it (keys are only added or erased).
    const subjectKeys = await dumpSubjectKeys(source.db);
    const trailer: BackupTrailer = { events, lastPosition, sequences, secrets: source.secrets ?? {}, subjectKeys, sha256: writer.sha256() };
    await writer.write({ trailer }, false);
    const bytes = await writer.close();
    renameSync(partial, file);
    return { file, events, lastPosition, sequences: sequences.length, bytes };
  } catch (error) {
    await writer.close().catch(() => undefined);
    rmSync(partial, { force: true });
    throw error;
  }
};
