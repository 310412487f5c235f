import type { RecordedEvent } from '@itsm/event-sourcing';
import type { SubjectKeysDump } from '@itsm/event-store';

/**
 * A backup is one gzip-compressed JSON Lines file: a header, every event of the log up to a position (exactly
 * as recorded: positions, times, hashes), and a trailer with what is not an event (the number sequences, the
 * data directory's generated secrets) and a SHA-256 of every line before it, so a truncated or altered file is
 * refused before anything is restored. Read models are not in it: they are rebuilt from the events.
 */
export const BACKUP_FORMAT = 'itsm-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Where the log was read from, in words. */
  source: string;
  /** The log's head when the backup started: the backup holds every event up to it. */
  headPosition: number;
}

/** A number sequence (INC and SVC numbers) and how far it had gone. */
export interface SequenceValue {
  schema: string;
  name: string;
  lastValue: string;
}

export interface BackupTrailer {
  events: number;
  lastPosition: number;
  sequences: SequenceValue[];
  /** Files of the data directory that are not derived from the log (the generated JWT key), by name. */
  secrets: Record<string, string>;
  /**
   * The data subjects' keys (personal fields are encrypted under them): a restore needs them to read those fields.
   * Erased subjects' keys are in it as erased. Absent in backups written before personal data was encrypted.
   */
  subjectKeys?: SubjectKeysDump;
  /** Hex SHA-256 of every line before the trailer, newlines included. */
  sha256: string;
}

export type BackupLine = { header: BackupHeader } | { event: RecordedEvent } | { trailer: BackupTrailer };

export class InvalidBackup extends Error {
  constructor(file: string, reason: string) {
    super(`${file} is not a usable backup: ${reason}`);
    this.name = 'InvalidBackup';
  }
}
