import { computeEventHash, GENESIS_HASH, type RecordedEvent } from '@itsm/event-sourcing';

export type LogFailureReason =
  /** The event's hash is not sha256(previous hash + the event): it or an earlier one was altered. */
  | 'hash-mismatch'
  /** A stream revision is missing or repeated: an event was removed or inserted. */
  | 'revision-gap'
  /** Global positions do not increase (an event repeated or moved). */
  | 'position-out-of-order';

/** The first event that breaks the log, with where it is. */
export interface LogFailure {
  reason: LogFailureReason;
  globalPosition: number;
  streamId: string;
  streamRevision: number;
  eventId: string;
  expected: string;
  actual: string;
}

export interface LogVerificationFigures {
  events: number;
  streams: number;
  lastPosition: number;
}

/**
 * Checks a log read in global order, one event at a time: each stream's hash chain and revisions, and the
 * global order (positions strictly increasing; gaps are allowed, an append that rolled back leaves one).
 * Keeps one entry per stream.
 */
export class LogVerifier {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private previous: RecordedEvent | undefined;
  private checked = 0;
  private failure: LogFailure | null = null;

  /** Checks the next event; returns the first failure found so far (later events are then not checked). */
  check(event: RecordedEvent): LogFailure | null {
    if (this.failure) return this.failure;
    this.failure = this.globalOrderFailure(event) ?? this.chainFailure(event);
    if (!this.failure) {
      this.heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
      this.previous = event;
      this.checked++;
    }
    return this.failure;
  }

  get firstFailure(): LogFailure | null {
    return this.failure;
  }

  figures(): LogVerificationFigures {
    return { events: this.checked, streams: this.heads.size, lastPosition: this.previous?.globalPosition ?? 0 };
  }

  private globalOrderFailure(event: RecordedEvent): LogFailure | null {
    const previous = this.previous;
    if (!previous) return null;
    if (event.globalPosition <= previous.globalPosition) {
      return failureOf(event, 'position-out-of-order', `> ${previous.globalPosition}`, String(event.globalPosition));
    }
    return null;
  }

  private chainFailure(event: RecordedEvent): LogFailure | null {
    const head = this.heads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1 : 0;
    if (event.streamRevision !== expectedRevision) {
      return failureOf(event, 'revision-gap', String(expectedRevision), String(event.streamRevision));
    }
    const expectedHash = computeEventHash(head?.hash ?? GENESIS_HASH, event);
    return expectedHash === event.hash ? null : failureOf(event, 'hash-mismatch', expectedHash, event.hash);
  }
}

const failureOf = (event: RecordedEvent, reason: LogFailureReason, expected: string, actual: string): LogFailure => ({
  reason,
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  eventId: event.eventId,
  expected,
  actual,
});
