import { jsonEvent, type JSONEventData, type JSONType, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { Actor, RecordedEvent } from '@itsm/event-sourcing';
import type { SealedEvent } from '../seal-events';
import { toGlobalPosition } from './esdb-position';

/**
 * The part of our envelope that EventStoreDB has no native field for, stored as the event's metadata JSON.
 * `$correlationId`/`$causationId` follow EventStoreDB's convention so its `$bc-` projection sees them too.
 */
export interface EsdbEnvelopeMetadata {
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
  hash: string;
  $correlationId: string;
  $causationId?: string;
}

/** The event does not carry our envelope (written by someone else, or damaged). */
export class EsdbEnvelopeError extends Error {
  override readonly name = 'EsdbEnvelopeError';
  constructor(streamId: string, revision: bigint, reason: string) {
    super(`EventStoreDB event ${streamId}@${revision} has no valid ITSM envelope: ${reason}`);
  }
}

export const toEsdbMetadata = (event: SealedEvent): EsdbEnvelopeMetadata => ({
  schemaVersion: event.schemaVersion,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.actor,
  correlationId: event.correlationId,
  causationId: event.causationId,
  traceparent: event.traceparent,
  hash: event.hash,
  $correlationId: event.correlationId,
  ...(event.causationId === null ? {} : { $causationId: event.causationId }),
});

/** Stream id and revision are native to EventStoreDB; the event id is ours, so retries stay idempotent. */
export const toEsdbEventData = (event: SealedEvent): JSONEventData =>
  jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: toEsdbMetadata(event) });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

const isNullableString = (value: unknown): value is string | null => value === null || typeof value === 'string';

const envelopeProblem = (metadata: unknown): string | null => {
  if (!isRecord(metadata)) return 'metadata is not a JSON object';
  const { schemaVersion, occurredAt, recordedAt, actor, correlationId, causationId, traceparent, hash } = metadata;
  if (typeof schemaVersion !== 'number') return 'schemaVersion is missing';
  if (typeof occurredAt !== 'string' || typeof recordedAt !== 'string') return 'occurredAt/recordedAt are missing';
  if (!isRecord(actor) || typeof actor['id'] !== 'string') return 'actor is missing';
  if (typeof correlationId !== 'string') return 'correlationId is missing';
  if (!isNullableString(causationId ?? null) || !isNullableString(traceparent ?? null)) return 'causationId/traceparent are not strings';
  if (typeof hash !== 'string') return 'hash is missing';
  return null;
};

/** Rebuilds our envelope from an EventStoreDB event read from a stream or from `$all`. */
export const fromEsdbRecordedEvent = (event: EsdbRecordedEvent): RecordedEvent => {
  if (!event.isJson) throw new EsdbEnvelopeError(event.streamId, event.revision, 'data is not JSON');
  const problem = envelopeProblem(event.metadata);
  if (problem !== null) throw new EsdbEnvelopeError(event.streamId, event.revision, problem);
  const metadata = event.metadata as unknown as EsdbEnvelopeMetadata;
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: metadata.schemaVersion,
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition: toGlobalPosition(event.position, event.id),
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? null,
    traceparent: metadata.traceparent ?? null,
    data: event.data,
    hash: metadata.hash,
  };
};

/** System events (`$`-prefixed types or streams: stats, metadata, projection links) are not part of our log. */
export const isSystemEvent = (event: { type: string; streamId: string }): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');
