import { dataSubjectStreamId, PERSONAL_DATA_FIELDS, type SubjectErasedV1 } from '@itsm/contracts';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { EventStore, PersonalDataVault } from '@itsm/event-store';

export interface SubjectErasureSources {
  vault: Pick<PersonalDataVault, 'erase'>;
  /** The log as readers see it (the erasure event holds no personal field, so either store writes it the same). */
  store: Pick<EventStore, 'appendToStream'>;
}

export interface SubjectErasure {
  /** The keyed hash the log knows the subject by (never the id itself). */
  subjectRef: string;
  keysErased: number;
  /** The read models that held the subject's plaintext: rebuilt right after, so none holds it any more. */
  readModels: string[];
  eventId: string;
  globalPosition: number;
}

/** The read models fed by an event type with personal fields (an empty `eventTypes` means every type). */
export const readModelsHoldingPersonalData = (projections: readonly { name: string; eventTypes: readonly string[] }[]): string[] =>
  projections
    .filter((projection) => projection.eventTypes.length === 0 || projection.eventTypes.some((type) => type in PERSONAL_DATA_FIELDS))
    .map((projection) => projection.name);

export class InvalidSubjectIdError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidSubjectIdError';
  }
}

/** A subject id as the contracts carry it (a caller's id): non-empty, printable, at most 200 characters. */
export const assertSubjectId = (subjectId: unknown): string => {
  if (typeof subjectId !== 'string' || subjectId.trim() === '' || subjectId.length > 200 || [...subjectId].some((character) => character.charCodeAt(0) < 0x20)) {
    throw new InvalidSubjectIdError('the subject id must be 1 to 200 printable characters (the caller id the incidents name)');
  }
  return subjectId;
};

/**
 * GDPR erasure by crypto-shredding: deletes the subject's data keys (every personal field written under them reads
 * as `[erased]` from now on, on every read path), then records `SubjectErased` in `data-subject-<subjectRef>`,
 * which holds no personal data. The caller rebuilds `readModels` next (the CLI with progress bars, the admin route
 * in the background): until then the old read-model rows still hold the plaintext. Nothing in the log changes,
 * so the hash chains and every checkpoint still verify.
 */
export const eraseSubject = async (
  subjectId: string,
  sources: SubjectErasureSources,
  { metadata, readModels, now = new Date() }: { metadata: EventMetadata; readModels: readonly string[]; now?: Date },
): Promise<SubjectErasure> => {
  const { subjectRef, keysErased } = await sources.vault.erase(assertSubjectId(subjectId));
  const data: SubjectErasedV1 = { subjectRef, keysErased, readModelsRebuilt: [...readModels], erasedAt: now.toISOString() };
  const appended = await sources.store.appendToStream(dataSubjectStreamId(subjectRef), [{ type: 'SubjectErased', data, metadata, occurredAt: now }], {
    expectedRevision: 'any',
  });
  const [event] = appended.events;
  return { subjectRef, keysErased, readModels: [...readModels], eventId: event.eventId, globalPosition: event.globalPosition };
};
