import { canonicalJson, computeEventHashWithData, newEventId, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';

/** A new event with its full envelope and hash, waiting only for the global position the store assigns. */
export type SealedEvent = Omit<RecordedEvent, 'globalPosition'>;

/**
 * The RFC 8785 text of each sealed event's data, written once when it was sealed (its hash covers it) and stored as
 * written: a large event's data is serialized once, not once for the hash and again for the row. Sealed events are
 * never changed, so the text stays theirs.
 */
const canonicalDataOfSealed = new WeakMap<object, string>();

/** The canonical text of the event's data its sealing wrote (none for an event not sealed in this process). */
export const canonicalDataWrittenAtSealing = (event: object): string | undefined => canonicalDataOfSealed.get(event);

/**
 * Gives new events their stream revisions, envelope and hash-chain links. Every adapter seals the same
 * way, so `verifyChain` works whatever store holds the log.
 */
export const sealEvents = (
  streamId: string,
  events: readonly NewEvent[],
  currentRevision: number,
  previousHash: string,
  recordedAt: Date,
): SealedEvent[] => [...sealedOneByOne(streamId, events, currentRevision, previousHash, recordedAt)];

/** `sealEvents`, each event sealed when it is asked for: a big append writes one while the server stores the last. */
export function* sealedOneByOne(
  streamId: string,
  events: readonly NewEvent[],
  currentRevision: number,
  previousHash: string,
  recordedAt: Date,
): Generator<SealedEvent> {
  let hash = previousHash;
  for (const [index, event] of events.entries()) {
    const unsealed: Omit<SealedEvent, 'hash'> = {
      eventId: event.eventId ?? newEventId(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      streamId,
      streamRevision: currentRevision + 1 + index,
      occurredAt: (event.occurredAt ?? recordedAt).toISOString(),
      recordedAt: recordedAt.toISOString(),
      actor: event.metadata.actor,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId ?? null,
      traceparent: event.metadata.traceparent ?? null,
      data: event.data,
    };
    const canonicalData = canonicalJson(event.data ?? null);
    hash = computeEventHashWithData(hash, unsealed, canonicalData);
    const sealed = { ...unsealed, hash };
    canonicalDataOfSealed.set(sealed, canonicalData);
    yield sealed;
  }
}
