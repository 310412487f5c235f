import type {
  ChangeLinkRelation,
  HoldReason,
  Impact,
  IncidentStateName,
  MajorIncidentStatus,
  Priority,
  ResolutionCode,
  Urgency,
} from '@itsm/contracts';
import { assertNever } from '@itsm/event-sourcing';
import type { IncidentEvent } from './events';

/** Where the incident is in its lifecycle; the states that carry details hold them. */
export type IncidentLifecycle =
  | { state: 'new' }
  | { state: 'assigned' }
  | { state: 'in-progress' }
  | { state: 'on-hold'; reason: HoldReason }
  | { state: 'resolved'; code: ResolutionCode; notes: string; resolvedAt: string }
  // Closing confirms the resolution: the incident keeps it (GET and `asOf` show the same one).
  | { state: 'closed'; code: ResolutionCode; notes: string; resolvedAt: string }
  | { state: 'cancelled'; reason: string };

export interface Assignment {
  group: string | null;
  agent: string | null;
}

export interface ChangeLink {
  changeId: string;
  changeNumber: string;
  relation: ChangeLinkRelation;
}

export interface UnopenedIncident {
  status: 'unopened';
}

/** The whole record, so that folding the log up to a time gives the incident as it was then (`asOf`). */
export interface OpenedIncident {
  status: 'opened';
  incidentId: string;
  number: string;
  callerId: string;
  shortDescription: string;
  description: string;
  serviceId: string;
  offeringId: string | null;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  lifecycle: IncidentLifecycle;
  assignment: Assignment;
  escalationLevel: number;
  major: MajorIncidentStatus;
  /** Who proposed the pending (or last) major-incident proposal: someone else decides on it. */
  majorProposedBy: string | null;
  parentIncidentId: string | null;
  childIncidentIds: readonly string[];
  changeLinks: readonly ChangeLink[];
  workLog: { entries: number; minutesSpent: number };
  reopenCount: number;
  openedAt: string;
}

export type Incident = UnopenedIncident | OpenedIncident;

export const initialState = (): Incident => ({ status: 'unopened' });

/** The wire name of the incident's state. */
export const stateOf = (incident: OpenedIncident): IncidentStateName => incident.lifecycle.state;

export const evolve = (incident: Incident, event: IncidentEvent): Incident => {
  if (event.type === 'IncidentOpened') {
    const { incidentId, number, callerId, shortDescription, description, serviceId, offeringId, impact, urgency, priority, openedAt } =
      event.data;
    return {
      status: 'opened',
      incidentId, number, callerId, shortDescription, description, serviceId, offeringId, impact, urgency, priority,
      lifecycle: { state: 'new' },
      assignment: { group: null, agent: null },
      escalationLevel: 0,
      major: 'none',
      majorProposedBy: null,
      parentIncidentId: null,
      childIncidentIds: [],
      changeLinks: [],
      workLog: { entries: 0, minutesSpent: 0 },
      reopenCount: 0,
      openedAt,
    };
  }
  if (incident.status === 'unopened') return incident;
  switch (event.type) {
    case 'IncidentAssigned': {
      const { assignmentGroup, assignee, state } = event.data;
      // Assignment moves only a new incident (to `assigned`); otherwise the lifecycle stays where it is.
      const lifecycle = state === incident.lifecycle.state ? incident.lifecycle : { state: 'assigned' as const };
      return { ...incident, assignment: { group: assignmentGroup, agent: assignee }, lifecycle };
    }
    case 'IncidentWorkStarted':
    case 'IncidentResumed':
      return { ...incident, lifecycle: { state: 'in-progress' } };
    case 'IncidentPutOnHold':
      return { ...incident, lifecycle: { state: 'on-hold', reason: event.data.reason } };
    case 'IncidentResolved': {
      const { code, notes, resolvedAt } = event.data;
      return { ...incident, lifecycle: { state: 'resolved', code, notes, resolvedAt } };
    }
    case 'IncidentClosed': {
      // Only a resolved incident closes (the decider's rule); an older log that says otherwise keeps what it had.
      if (incident.lifecycle.state !== 'resolved') return incident;
      const { code, notes, resolvedAt } = incident.lifecycle;
      return { ...incident, lifecycle: { state: 'closed', code, notes, resolvedAt } };
    }
    case 'IncidentReopened':
      return { ...incident, lifecycle: { state: 'in-progress' }, reopenCount: event.data.reopenCount };
    case 'IncidentCancelled':
      return { ...incident, lifecycle: { state: 'cancelled', reason: event.data.reason } };
    case 'IncidentPriorityChanged': {
      const { impact, urgency, to } = event.data;
      return { ...incident, impact, urgency, priority: to };
    }
    case 'IncidentEscalated':
      // A functional escalation's new group arrives with the IncidentAssigned that follows it.
      return event.data.kind === 'hierarchical' ? { ...incident, escalationLevel: event.data.toLevel } : incident;
    case 'IncidentWorkLogged':
      return {
        ...incident,
        workLog: {
          entries: incident.workLog.entries + 1,
          minutesSpent: incident.workLog.minutesSpent + event.data.minutesSpent,
        },
      };
    case 'MajorIncidentProposed':
      return { ...incident, major: 'proposed', majorProposedBy: event.data.proposedBy };
    case 'MajorIncidentAccepted':
      return { ...incident, major: 'accepted' };
    case 'MajorIncidentRejected':
      return { ...incident, major: 'rejected' };
    case 'IncidentParentLinked':
      return { ...incident, parentIncidentId: event.data.parentIncidentId };
    case 'IncidentParentLinkRevoked':
      return incident.parentIncidentId === event.data.parentIncidentId ? { ...incident, parentIncidentId: null } : incident;
    case 'IncidentChildLinked':
      return { ...incident, childIncidentIds: [...incident.childIncidentIds, event.data.childIncidentId] };
    case 'IncidentLinkedToChange': {
      const { changeId, changeNumber, relation } = event.data;
      return { ...incident, changeLinks: [...incident.changeLinks, { changeId, changeNumber, relation }] };
    }
    default:
      return assertNever(event);
  }
};
