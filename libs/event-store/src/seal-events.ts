import { computeEventHash, newEventId, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';

/** A new event with its full envelope and hash, waiting only for the global position the store assigns. */
export type SealedEvent = Omit<RecordedEvent, 'globalPosition'>;

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
    hash = computeEventHash(hash, unsealed);
    yield { ...unsealed, hash };
  }
}
