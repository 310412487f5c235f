import type { IncidentsEventType } from '../incidents/incidents-schema-versions';

/**
 * Where an event's personal data is and whose it is (issue 12, point 6). The event store encrypts each listed field
 * under the data subject's own key on append and decrypts it on read; erasing the subject deletes the key, and the
 * fields then read as `ERASED_FIELD_VALUE` (`@itsm/event-store`).
 *
 * - `subject`: `{ field }` names the data field that holds the subject's id (the incident's caller); `'stream'`
 *   means the event belongs to the subject of its stream, the one named by the stream's first event (a work note on
 *   an incident is the caller's incident's note).
 * - `fields`: top-level data fields, by their name in the version written today. A new schema version that renames
 *   one lists both names (the older stored events keep the old one). The subject field itself is usually personal
 *   too (the caller's identity) and then listed here as well.
 */
export interface PersonalDataFields {
  readonly subject: { readonly field: string } | 'stream';
  readonly fields: readonly string[];
}

/**
 * Every incidents event type, classified: its personal fields, or null when it carries none. The record type makes
 * a new event type fail to compile until it is classified here.
 *
 * The caller is the data subject: a member of the public or an employee asking for help. Agents, groups and
 * approvers act in their role and are named by id (`assignee`, `loggedBy`, the envelope's actor), which is not
 * erased (the audit trail needs who did what). Free text written on an incident (descriptions, work notes,
 * resolution notes, reasons) is about the caller's situation and may hold anything the caller said, so it is the
 * caller's. Hold reasons are a fixed vocabulary, with no note; the SLA timers hold no text.
 */
export const INCIDENTS_PERSONAL_DATA: Readonly<Record<IncidentsEventType, PersonalDataFields | null>> = Object.freeze({
  IncidentOpened: { subject: { field: 'callerId' }, fields: ['callerId', 'shortDescription', 'description'] },
  IncidentAssigned: null,
  IncidentWorkStarted: null,
  IncidentPutOnHold: null,
  IncidentResumed: null,
  IncidentResolved: { subject: 'stream', fields: ['notes'] },
  IncidentClosed: null,
  IncidentReopened: { subject: 'stream', fields: ['reason'] },
  IncidentCancelled: { subject: 'stream', fields: ['reason'] },
  IncidentPriorityChanged: null,
  IncidentEscalated: { subject: 'stream', fields: ['reason'] },
  IncidentWorkLogged: { subject: 'stream', fields: ['entry'] },
  MajorIncidentProposed: { subject: 'stream', fields: ['justification'] },
  MajorIncidentAccepted: null,
  MajorIncidentRejected: { subject: 'stream', fields: ['reason'] },
  IncidentParentLinked: null,
  IncidentChildLinked: null,
  // Written by the hierarchy process in fixed words ("the parent is closed"), never by a person.
  IncidentParentLinkRevoked: null,
  IncidentLinkedToChange: null,
  SlaTimerStarted: null,
  SlaTimerPaused: null,
  SlaTimerResumed: null,
  SlaTimerRetargeted: null,
  SlaWarningReached: null,
  SlaBreached: null,
  SlaTimerMet: null,
  SlaTimerCancelled: null,
});

/**
 * Contexts whose events hold no data subject's personal data, and why (kept here so the decision is written down
 * and the spec checks every type is classified somewhere).
 * - changes: requesters, implementers and approvers are staff acting in their role; plans, justifications and
 *   approval comments describe systems. A change that cites a person does so by incident link, not by copying.
 * - catalog: services, offerings and calendars.
 * - finance: cost centers, budgets, rates, usage and credits of organisations, not people.
 * - webhooks: subscriptions name a receiving system's URL and event types; secrets and deliveries stay out of the log.
 */
export const CONTEXTS_WITHOUT_PERSONAL_DATA = Object.freeze(['changes', 'catalog', 'finance', 'webhooks'] as const);

/** The one registry the event store encrypts by: event type → its personal fields (types without any are absent). */
export const PERSONAL_DATA_FIELDS: Readonly<Record<string, PersonalDataFields>> = Object.freeze(
  Object.fromEntries(Object.entries(INCIDENTS_PERSONAL_DATA).filter((entry): entry is [string, PersonalDataFields] => entry[1] !== null)),
);
