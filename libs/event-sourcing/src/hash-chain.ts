import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { RecordedEvent } from './envelope';

/** The hash of the event before the first one in every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields covered by the hash: everything the writer decided; not the log position the store assigns. */
export type HashedFields = Omit<RecordedEvent, 'hash' | 'globalPosition'>;

export const hashedFieldsOf = (event: HashedFields): HashedFields => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.actor,
  correlationId: event.correlationId,
  causationId: event.causationId,
  traceparent: event.traceparent,
  data: event.data,
});

/** sha256(previous hash + canonical JSON (RFC 8785) of this event). */
export const computeEventHash = (previousHash: string, event: HashedFields): string =>
  createHash('sha256').update(previousHash).update(canonicalJson(hashedFieldsOf(event))).digest('hex');

const member = (key: string, json: string | undefined): string => (json === undefined ? '' : `,"${key}":${json}`);
const canonicalOf = (value: unknown): string | undefined => (value === undefined ? undefined : canonicalJson(value));

/**
 * The canonical JSON (RFC 8785) of the event's hashed fields, given its data's canonical text written already: the
 * members in their sorted order by hand with `data` spliced in, so a large event's data is not serialized twice.
 * Equal to `canonicalJson(hashedFieldsOf(event))` (a property spec compares the hashes).
 */
export const canonicalHashedJsonWithData = (event: HashedFields, canonicalData: string): string => {
  const members =
    member('actor', canonicalOf(event.actor)) +
    member('causationId', canonicalOf(event.causationId)) +
    member('correlationId', canonicalOf(event.correlationId)) +
    member('data', event.data === undefined ? undefined : canonicalData) +
    member('eventId', canonicalOf(event.eventId)) +
    member('occurredAt', canonicalOf(event.occurredAt)) +
    member('recordedAt', canonicalOf(event.recordedAt)) +
    member('schemaVersion', canonicalOf(event.schemaVersion)) +
    member('streamId', canonicalOf(event.streamId)) +
    member('streamRevision', canonicalOf(event.streamRevision)) +
    member('traceparent', canonicalOf(event.traceparent)) +
    member('type', canonicalOf(event.type));
  return `{${members.slice(1)}}`;
};

/** `computeEventHash` given the data's canonical text written already (the store stores that very text). */
export const computeEventHashWithData = (previousHash: string, event: HashedFields, canonicalData: string): string =>
  createHash('sha256').update(previousHash).update(canonicalHashedJsonWithData(event, canonicalData)).digest('hex');

export interface ChainBreak {
  streamId: string;
  streamRevision: number;
  eventId: string;
  reason: 'hash-mismatch' | 'revision-gap';
  expected: string;
  actual: string;
}

export interface ChainVerification {
  streamId: string;
  eventsChecked: number;
  ok: boolean;
  firstBreak: ChainBreak | null;
  lastHash: string;
}

/** Recomputes a stream's chain from its first event; reports the first event that does not match. */
export const verifyChain = (streamId: string, events: readonly RecordedEvent[]): ChainVerification => {
  let previousHash = GENESIS_HASH;
  let checked = 0;
  for (const event of events) {
    if (event.streamRevision !== checked) {
      return {
        streamId, eventsChecked: checked, ok: false, lastHash: previousHash,
        firstBreak: { streamId, streamRevision: event.streamRevision, eventId: event.eventId, reason: 'revision-gap', expected: String(checked), actual: String(event.streamRevision) },
      };
    }
    const expected = computeEventHash(previousHash, event);
    if (expected !== event.hash) {
      return {
        streamId, eventsChecked: checked, ok: false, lastHash: previousHash,
        firstBreak: { streamId, streamRevision: event.streamRevision, eventId: event.eventId, reason: 'hash-mismatch', expected, actual: event.hash },
      };
    }
    previousHash = event.hash;
    checked += 1;
  }
  return { streamId, eventsChecked: checked, ok: true, firstBreak: null, lastHash: previousHash };
};
