import type { EventMetadata } from '@itsm/event-sourcing';

/** What the API passes with every command. */
export interface CommandOptions {
  /** The stream revision the caller saw (`If-Match`); a stale one fails with WrongExpectedRevisionError (412). */
  expectedRevision?: number;
}

/** Who, why and from where: copied into every event's envelope. */
export type RequestMetadata = EventMetadata;
