import type { DomainEvent } from '@itsm/event-sourcing';

/**
 * A data subject's keys were deleted (GDPR erasure by crypto-shredding): every personal field written under them now
 * reads as erased. The event names the subject only by `subjectRef`, a keyed hash (HMAC-SHA256 under the log's own
 * secret, hex) of the subject's id, never the id itself: it proves when the erasure happened, and someone who knows
 * the id (and the platform) can find it, but the log does not hold the id in clear.
 */
export interface SubjectErasedV1 {
  subjectRef: string;
  /** How many data keys were deleted (0 when the subject had none, e.g. erased twice). */
  keysErased: number;
  /** Read models rebuilt so that none holds the plaintext any more. */
  readModelsRebuilt: string[];
  erasedAt: string;
}

export type SubjectErased = DomainEvent<'SubjectErased', SubjectErasedV1>;
export type DataSubjectEvent = SubjectErased;
export type DataSubjectEventType = DataSubjectEvent['type'];

export const DATA_SUBJECT_EVENT_TYPES: readonly DataSubjectEventType[] = ['SubjectErased'];
export const DATA_SUBJECT_EVENT_SCHEMA_VERSIONS: Readonly<Record<DataSubjectEventType, number>> = Object.freeze({ SubjectErased: 1 });

/** `data-subject-<subjectRef>`: one stream per subject reference, its erasures in order. */
export const DATA_SUBJECT_STREAM_TYPE = 'data-subject';
export const dataSubjectStreamId = (subjectRef: string): string => `${DATA_SUBJECT_STREAM_TYPE}-${subjectRef}`;
