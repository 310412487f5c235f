import { AuditLogVerifier, type AuditFailure } from '@itsm/audit-domain';
import { STREAM_TYPE_CONTEXTS } from '@itsm/contracts';
import type { Actor, RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';

/** One line of a record's history: when, who, what changed, and the event's coordinates. */
export interface TimelineEntry {
  revision: number;
  globalPosition: number;
  recordedAt: string;
  occurredAt: string;
  actor: Actor;
  type: string;
  schemaVersion: number;
  /** The event's facts as recorded (the fields it set or changed). */
  changes: unknown;
  eventId: string;
  correlationId: string;
  causationId: string | null;
}

export interface RecordTimeline {
  /** What was asked for (`INC0000042`, a stream id or a uuid). */
  reference: string;
  streamId: string;
  /** The record's number when its first event carries one. */
  number: string | null;
  asOf: string | null;
  entries: TimelineEntry[];
  /** The stream's hash chain up to the last entry (a rewritten event shows here). */
  chain: { ok: true } | { ok: false; failure: AuditFailure };
}

export class RecordNotFound extends Error {
  override readonly name = 'RecordNotFound';
}

/** Finds the stream that carries a record number (SQL logs: `SqlEventLogQueries`). */
export interface RecordNumbers {
  streamOfNumber(number: string): Promise<string | null>;
}

const NUMBER = /^[A-Z]{3}\d{4,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM_TYPES = Object.keys(STREAM_TYPE_CONTEXTS);

/**
 * The stream of a record from what an operator types: a number (`INC0000042`, `CHG…`, `SVC…`), a stream id
 * (`incident-<uuid>`) or the bare uuid of any known stream type.
 */
export const resolveRecordStream = async (
  reference: string,
  store: Pick<EventStore, 'readStream'>,
  numbers: RecordNumbers | undefined,
): Promise<{ streamId: string } | null> => {
  const text = reference.trim();
  if (NUMBER.test(text.toUpperCase())) {
    if (!numbers) throw new Error('finding a record by its number needs the log in PostgreSQL (use its stream id with EventStoreDB)');
    const streamId = await numbers.streamOfNumber(text.toUpperCase());
    return streamId ? { streamId } : null;
  }
  if (UUID.test(text)) {
    for (const type of STREAM_TYPES) {
      const streamId = `${type}-${text.toLowerCase()}`;
      if ((await store.readStream(streamId, { toRevision: 0 })).length > 0) return { streamId };
    }
    return null;
  }
  return (await store.readStream(text, { toRevision: 0 })).length > 0 ? { streamId: text } : null;
};

const entryOf = (event: RecordedEvent): TimelineEntry => ({
  revision: event.streamRevision,
  globalPosition: event.globalPosition,
  recordedAt: event.recordedAt,
  occurredAt: event.occurredAt,
  actor: event.actor,
  type: event.type,
  schemaVersion: event.schemaVersion,
  changes: event.data,
  eventId: event.eventId,
  correlationId: event.correlationId,
  causationId: event.causationId,
});

/**
 * `itsm audit <ref> [--as-of T]`: the full history of one record as recorded (events as stored, not upcast: what
 * was written then), up to `asOf` (recording time) when given, with its chain re-checked on the way. `store` shows
 * the events (personal fields decrypted, or erased); the chain is checked on `storedStore`, the form it covers
 * (personal fields as their envelopes).
 */
export const recordTimeline = async (
  reference: string,
  store: Pick<EventStore, 'readStream'>,
  numbers: RecordNumbers | undefined,
  asOf?: Date,
  storedStore: Pick<EventStore, 'readStream'> = store,
): Promise<RecordTimeline> => {
  const found = await resolveRecordStream(reference, store, numbers);
  if (!found) throw new RecordNotFound(`no record ${reference} in the log`);
  const range = asOf ? { asOf } : {};
  const events = await store.readStream(found.streamId, range);
  const stored = storedStore === store ? events : await storedStore.readStream(found.streamId, range);
  const verifier = new AuditLogVerifier([]);
  for (const event of stored) if (verifier.check(event)) break;
  const number = (events[0]?.data as { number?: unknown } | undefined)?.number;
  return {
    reference,
    streamId: found.streamId,
    number: typeof number === 'string' ? number : null,
    asOf: asOf?.toISOString() ?? null,
    entries: events.map(entryOf),
    chain: verifier.firstFailure ? { ok: false, failure: verifier.firstFailure } : { ok: true },
  };
};
