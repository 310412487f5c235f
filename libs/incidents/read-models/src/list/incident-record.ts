import type {
  HoldReason,
  Impact,
  IncidentAssignedV2,
  IncidentEscalatedV1,
  IncidentOpenedV1,
  IncidentParentLinkedV1,
  IncidentPriorityChangedV1,
  IncidentPutOnHoldV1,
  IncidentResolvedV1,
  IncidentsEventType,
  IncidentStateName,
  MajorIncidentStatus,
  Priority,
  Urgency,
} from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';

/** One incident as the list and the history see it: the columns of `incident_list`, in camelCase. */
export interface IncidentRecord {
  incidentId: string;
  number: string;
  state: IncidentStateName;
  priority: Priority;
  impact: Impact;
  urgency: Urgency;
  serviceId: string;
  offeringId: string | null;
  assignmentGroup: string | null;
  assignee: string | null;
  majorStatus: MajorIncidentStatus;
  escalationLevel: number;
  /** Set by the first SlaBreached of either timer; a breach is never undone. */
  breached: boolean;
  resolutionCode: string | null;
  parentIncidentId: string | null;
  shortDescription: string;
  callerId: string;
  openedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  revision: number;
  /**
   * Details the history shows but the list does not keep as columns: the projection loads them from the
   * incident's last history lines (`lastHistoryDetails`) before it folds a batch.
   */
  holdReason: HoldReason | null;
  resolutionNotes: string | null;
}

/** The field of each event's data that says when it happened (domain time, from the command's metadata). */
const TIME_FIELDS: Record<IncidentsEventType, string> = {
  IncidentOpened: 'openedAt',
  IncidentAssigned: 'assignedAt',
  IncidentWorkStarted: 'startedAt',
  IncidentPutOnHold: 'heldAt',
  IncidentResumed: 'resumedAt',
  IncidentResolved: 'resolvedAt',
  IncidentClosed: 'closedAt',
  IncidentReopened: 'reopenedAt',
  IncidentCancelled: 'cancelledAt',
  IncidentPriorityChanged: 'changedAt',
  IncidentEscalated: 'escalatedAt',
  IncidentWorkLogged: 'loggedAt',
  MajorIncidentProposed: 'proposedAt',
  MajorIncidentAccepted: 'acceptedAt',
  MajorIncidentRejected: 'rejectedAt',
  IncidentParentLinked: 'linkedAt',
  IncidentParentLinkRevoked: 'revokedAt',
  IncidentChildLinked: 'linkedAt',
  IncidentLinkedToChange: 'linkedAt',
  SlaTimerStarted: 'startedAt',
  SlaTimerPaused: 'pausedAt',
  SlaTimerResumed: 'resumedAt',
  SlaTimerRetargeted: 'retargetedAt',
  SlaWarningReached: 'reachedAt',
  SlaBreached: 'breachedAt',
  SlaTimerMet: 'metAt',
  SlaTimerCancelled: 'cancelledAt',
};

/** When the event happened in the domain; the log's occurredAt for a type this reader does not know. */
export const eventTimeOf = (event: RecordedEvent): string => {
  const field = TIME_FIELDS[event.type as IncidentsEventType] as string | undefined;
  const value = field === undefined ? undefined : (event.data as Record<string, unknown>)[field];
  return new Date(typeof value === 'string' ? value : event.occurredAt).toISOString();
};

const opened = (event: RecordedEvent): IncidentRecord => {
  const d = event.data as IncidentOpenedV1;
  return {
    incidentId: d.incidentId,
    number: d.number,
    state: d.state,
    priority: d.priority,
    impact: d.impact,
    urgency: d.urgency,
    serviceId: d.serviceId,
    offeringId: d.offeringId,
    assignmentGroup: null,
    assignee: null,
    majorStatus: 'none',
    escalationLevel: 0,
    breached: false,
    resolutionCode: null,
    parentIncidentId: null,
    shortDescription: d.shortDescription,
    callerId: d.callerId,
    openedAt: new Date(d.openedAt).toISOString(),
    updatedAt: new Date(d.openedAt).toISOString(),
    resolvedAt: null,
    revision: event.streamRevision,
    holdReason: null,
    resolutionNotes: null,
  };
};

/** The fields an event changes (the state after it, as the event states it; DESIGN: facts carry the new state). */
const changesOf = (event: RecordedEvent): Partial<IncidentRecord> => {
  const type = event.type as IncidentsEventType;
  switch (type) {
    case 'IncidentAssigned': {
      const { assignmentGroup, assignee, state } = event.data as IncidentAssignedV2;
      return { assignmentGroup, assignee, state };
    }
    case 'IncidentPutOnHold': {
      const { state, reason } = event.data as IncidentPutOnHoldV1;
      return { state, holdReason: reason };
    }
    case 'IncidentWorkStarted':
    case 'IncidentResumed':
    case 'IncidentClosed':
    case 'IncidentCancelled':
      return { state: (event.data as { state: IncidentStateName }).state };
    case 'IncidentResolved': {
      const { state, code, notes, resolvedAt } = event.data as IncidentResolvedV1;
      return { state, resolutionCode: code, resolutionNotes: notes, resolvedAt: new Date(resolvedAt).toISOString() };
    }
    case 'IncidentReopened':
      return { state: 'in-progress', resolutionCode: null, resolutionNotes: null, resolvedAt: null };
    case 'IncidentPriorityChanged': {
      const { impact, urgency, to } = event.data as IncidentPriorityChangedV1;
      return { impact, urgency, priority: to };
    }
    case 'IncidentEscalated': {
      // A functional escalation's new group arrives with the IncidentAssigned that follows it.
      const escalation = event.data as IncidentEscalatedV1;
      return escalation.kind === 'hierarchical' ? { escalationLevel: escalation.toLevel } : {};
    }
    case 'MajorIncidentProposed':
      return { majorStatus: 'proposed' };
    case 'MajorIncidentAccepted':
      return { majorStatus: 'accepted' };
    case 'MajorIncidentRejected':
      return { majorStatus: 'rejected' };
    case 'IncidentParentLinked':
      return { parentIncidentId: (event.data as IncidentParentLinkedV1).parentIncidentId };
    case 'IncidentParentLinkRevoked':
      return { parentIncidentId: null };
    case 'SlaBreached':
      return { breached: true };
    default:
      // Work log, child and change links, the other SLA timer events: no listed field changes.
      return {};
  }
};

/**
 * The incident's record after one event of its stream (null before IncidentOpened). Every event moves the
 * revision (the ETag) and the last-update time.
 */
export const evolveIncidentRecord = (record: IncidentRecord | null, event: RecordedEvent): IncidentRecord | null => {
  if (event.type === 'IncidentOpened') return opened(event);
  if (record === null) return null;
  const next = { ...record, ...changesOf(event), updatedAt: eventTimeOf(event), revision: event.streamRevision };
  // The hold reason lasts as long as the hold, however the incident leaves it (resumed, resolved, cancelled).
  return next.state === 'on-hold' ? next : { ...next, holdReason: null };
};
