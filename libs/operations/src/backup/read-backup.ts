import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { LogVerifier, type LogFailure } from '../verify/log-verifier';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, InvalidBackup, type BackupHeader, type BackupLine, type BackupTrailer } from './backup-format';

/** The backup's lines in order, decompressed, with each line's text (for the digest). */
async function* backupLines(file: string): AsyncGenerator<{ line: BackupLine; text: string }> {
  const input = createReadStream(file).pipe(createGunzip());
  let number = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      number++;
      try {
        yield { line: JSON.parse(text) as BackupLine, text };
      } catch {
        throw new InvalidBackup(file, `line ${number} is not JSON`);
      }
    }
  } catch (error) {
    if (error instanceof InvalidBackup) throw error;
    throw new InvalidBackup(file, `it cannot be read (${(error as Error).message})`);
  }
}

export interface CheckedBackup {
  header: BackupHeader;
  trailer: BackupTrailer;
}

export interface BackupCheckProgress {
  events: number;
  headPosition: number;
  position: number;
}

/**
 * Reads the whole backup once before anything is restored: header and trailer present, the digest and the event
 * count match, and every stream's hash chain and the global order verify. Refuses with the first problem.
 */
export const checkBackup = async (file: string, onProgress?: (progress: BackupCheckProgress) => void): Promise<CheckedBackup> => {
  const digest = createHash('sha256');
  const verifier = new LogVerifier();
  let header: BackupHeader | undefined;
  let trailer: BackupTrailer | undefined;
  let failure: LogFailure | null = null;
  for await (const { line, text } of backupLines(file)) {
    if (trailer) throw new InvalidBackup(file, 'lines follow the trailer');
    if ('trailer' in line) {
      trailer = line.trailer;
      continue;
    }
    digest.update(`${text}\n`);
    if ('header' in line) {
      if (header) throw new InvalidBackup(file, 'it has two headers');
      if (line.header.format !== BACKUP_FORMAT || line.header.version !== BACKUP_FORMAT_VERSION) {
        throw new InvalidBackup(file, `format ${line.header.format} v${line.header.version} is not ${BACKUP_FORMAT} v${BACKUP_FORMAT_VERSION}`);
      }
      header = line.header;
    } else if ('event' in line) {
      if (!header) throw new InvalidBackup(file, 'events come before the header');
      failure ??= verifier.check(line.event);
      const { events, lastPosition } = verifier.figures();
      if (events % 5_000 === 0) onProgress?.({ events, headPosition: header.headPosition, position: lastPosition });
    } else {
      throw new InvalidBackup(file, 'it holds a line of unknown kind');
    }
  }
  if (!header) throw new InvalidBackup(file, 'it has no header');
  if (!trailer) throw new InvalidBackup(file, 'it ends without its trailer (cut short?)');
  if (digest.digest('hex') !== trailer.sha256) throw new InvalidBackup(file, 'its SHA-256 does not match the trailer (altered or damaged)');
  if (failure) {
    throw new InvalidBackup(file, `its event log does not verify: ${failure.reason} at position ${failure.globalPosition} (${failure.streamId}@${failure.streamRevision})`);
  }
  if (verifier.figures().events !== trailer.events) throw new InvalidBackup(file, `it holds ${verifier.figures().events} events, its trailer says ${trailer.events}`);
  return { header, trailer };
};

/** The backup's events in order, `batchSize` at a time (after `checkBackup` passed). */
export async function* backupEvents(file: string, batchSize: number): AsyncGenerator<RecordedEvent[]> {
  let batch: RecordedEvent[] = [];
  for await (const { line } of backupLines(file)) {
    if (!('event' in line)) continue;
    batch.push(line.event);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
