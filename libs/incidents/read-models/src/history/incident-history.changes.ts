import type { RecordedEvent } from '@itsm/event-sourcing';
import { eventTimeOf, type IncidentRecord } from '../list/incident-record';

/** The fields whose changes the history shows, in the order they are listed within one event. */
export const HISTORY_FIELDS = [
  'state',
  'priority',
  'impact',
  'urgency',
  'assignmentGroup',
  'assignee',
  'escalationLevel',
  'majorStatus',
  'resolutionCode',
  'parentIncidentId',
  'breached',
  'holdReason',
  'resolutionNotes',
] as const satisfies readonly (keyof IncidentRecord)[];
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** The history fields that are not list columns: their current value is the incident's last history line for them. */
export const HISTORY_ONLY_FIELDS = ['holdReason', 'resolutionNotes'] as const satisfies readonly HistoryField[];

/** One field-level change: who changed what, when, from which value to which (values as text, null = unset). */
export interface FieldChange {
  incidentId: string;
  /** The event's revision in the incident stream. */
  revision: number;
  /** Order of the field within the event (HISTORY_FIELDS order). */
  ordinal: number;
  at: string;
  actor: string;
  field: HistoryField;
  oldValue: string | null;
  newValue: string | null;
  eventType: string;
}

const text = (value: IncidentRecord[HistoryField] | undefined): string | null => (value === null || value === undefined ? null : String(value));

/** What an incident is before it is opened: the fields with a resting value start from it, the others from null. */
const UNOPENED: Partial<IncidentRecord> = { escalationLevel: 0, majorStatus: 'none', breached: false };

/**
 * What one event changed, field by field: the record before it against the record after it (opening the
 * incident lists state, priority, impact and urgency from null).
 */
export const fieldChangesOf = (before: IncidentRecord | null, after: IncidentRecord, event: RecordedEvent): FieldChange[] =>
  HISTORY_FIELDS.flatMap((field, ordinal) => {
    const oldValue = text((before ?? UNOPENED)[field]);
    const newValue = text(after[field]);
    if (oldValue === newValue) return [];
    return [{ incidentId: after.incidentId, revision: event.streamRevision, ordinal, at: eventTimeOf(event), actor: event.actor.id, field, oldValue, newValue, eventType: event.type }];
  });
