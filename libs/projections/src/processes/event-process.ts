import type { RecordedEvent } from '@itsm/event-sourcing';

/**
 * Work that reacts to events by running commands (a process manager): driven from a checkpoint, so it resumes
 * after a crash where it stopped. Events since the checkpoint may come again after a crash, so `handle` must be
 * idempotent: every step is a command that changes nothing when it has already been done.
 */
export interface EventProcess {
  /** Unique name, also the checkpoint key (lower-case identifier). */
  readonly name: string;
  /** Event types it reacts to. */
  readonly eventTypes: readonly string[];
  handle(event: RecordedEvent): Promise<void>;
}

/** Where a process stands, for `/health/ready`, `/metrics` and logs. */
export interface ProcessStatus {
  name: string;
  /** Log position of the last event handled (-1: none yet). */
  position: number;
  /** Failures in a row on the event it is stuck on (0 when the last attempt succeeded). */
  consecutiveFailures: number;
  failuresTotal: number;
  lastError: string | null;
  lastErrorAt: string | null;
}
