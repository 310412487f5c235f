import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the change stream (`change-<uuid>`), schema version 1 unless
 * `CHANGES_EVENT_SCHEMA_VERSIONS` says otherwise. Facts in the past tense; times are ISO-8601 UTC strings; who did
 * it is in the envelope's `actor`.
 */

export interface ChangeRaisedV1 {
  changeId: string;
  shortDescription: string;
  raisedAt: string;
}

export type ChangeRaised = DomainEvent<'ChangeRaised', ChangeRaisedV1>;

export type ChangeEvent = ChangeRaised;

export type ChangeEventType = ChangeEvent['type'];

export const CHANGE_EVENT_TYPES: readonly ChangeEventType[] = ['ChangeRaised'];
