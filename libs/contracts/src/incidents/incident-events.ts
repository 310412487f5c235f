import type { DomainEvent } from '@itsm/event-sourcing';
import type { Priority } from '../catalog/sla-targets';
import type {
  ChangeLinkRelation,
  HoldReason,
  Impact,
  IncidentStateName,
  ResolutionCode,
  Urgency,
} from './incident-vocabulary';

/*
 * Published events of the incident stream (`incident-<uuid>`), schemaVersion 1 unless a type says otherwise
 * (`INCIDENTS_EVENT_SCHEMA_VERSIONS`).
 * Facts in the past tense; each carries what a reader needs without replaying rules (the state after it where
 * the state changes). Times are ISO-8601 UTC strings; who did it is in the envelope's `actor` unless the fact
 * itself is about a person (`proposedBy`, `loggedBy`).
 */

export interface IncidentOpenedV1 {
  incidentId: string;
  number: string;
  callerId: string;
  shortDescription: string;
  description: string;
  serviceId: string;
  /** The offering named by the caller; null means the service's default offering applies. */
  offeringId: string | null;
  impact: Impact;
  urgency: Urgency;
  priority: Priority;
  state: 'new';
  openedAt: string;
}

/** As written before schema version 2 (`group`, `agent`); upcast to v2 on every read. */
export interface IncidentAssignedV1 {
  incidentId: string;
  group: string;
  agent: string | null;
  previousGroup: string | null;
  previousAgent: string | null;
  state: IncidentStateName;
  assignedAt: string;
}

/**
 * The incident's assignment after the fact, in the API's vocabulary; `state` is `assigned` when it was new, else
 * unchanged. Schema version 2 (v1 said `group` and `agent`).
 */
export interface IncidentAssignedV2 {
  incidentId: string;
  assignmentGroup: string;
  assignee: string | null;
  previousAssignmentGroup: string | null;
  previousAssignee: string | null;
  state: IncidentStateName;
  assignedAt: string;
}

/** Someone started working it: the state is now `in-progress` (the response SLA is met the first time). */
export interface IncidentWorkStartedV1 {
  incidentId: string;
  agent: string | null;
  state: 'in-progress';
  startedAt: string;
}

export interface IncidentPutOnHoldV1 {
  incidentId: string;
  reason: HoldReason;
  previousState: 'assigned' | 'in-progress';
  state: 'on-hold';
  heldAt: string;
}

/** Work continues after a hold: always back to `in-progress`. */
export interface IncidentResumedV1 {
  incidentId: string;
  /** The hold reason that ended. */
  holdReason: HoldReason;
  state: 'in-progress';
  resumedAt: string;
}

export interface IncidentResolvedV1 {
  incidentId: string;
  code: ResolutionCode;
  notes: string;
  previousState: IncidentStateName;
  state: 'resolved';
  /** Children linked to this incident when it was resolved: the application resolves those still open. */
  childIncidentIds: string[];
  /** Set when this incident was resolved because its parent was. */
  resolvedWithParentIncidentId: string | null;
  resolvedAt: string;
}

export interface IncidentClosedV1 {
  incidentId: string;
  state: 'closed';
  closedAt: string;
}

/** Back to work after a resolution that did not hold; the resolution SLA timer resumes. */
export interface IncidentReopenedV1 {
  incidentId: string;
  reason: string;
  /** How many times the incident has been reopened, this time included. */
  reopenCount: number;
  state: 'in-progress';
  reopenedAt: string;
}

export interface IncidentCancelledV1 {
  incidentId: string;
  reason: string;
  previousState: IncidentStateName;
  state: 'cancelled';
  cancelledAt: string;
}

/** Impact or urgency changed; `from` and `to` are the priorities before and after (they may be equal). */
export interface IncidentPriorityChangedV1 {
  incidentId: string;
  impact: Impact;
  urgency: Urgency;
  previousImpact: Impact;
  previousUrgency: Urgency;
  from: Priority;
  to: Priority;
  changedAt: string;
}

/** Functional escalation: handed to another (more specialised) group; the agent is cleared. */
export interface FunctionalEscalationV1 {
  incidentId: string;
  kind: 'functional';
  fromGroup: string;
  toGroup: string;
  reason: string;
  escalatedAt: string;
}

/** Hierarchical escalation: management attention rises one level (0 = none). */
export interface HierarchicalEscalationV1 {
  incidentId: string;
  kind: 'hierarchical';
  fromLevel: number;
  toLevel: number;
  reason: string;
  escalatedAt: string;
}

export type IncidentEscalatedV1 = FunctionalEscalationV1 | HierarchicalEscalationV1;

export interface IncidentWorkLoggedV1 {
  incidentId: string;
  entryId: string;
  entry: string;
  /** Whole minutes spent, more than zero. */
  minutesSpent: number;
  loggedBy: string;
  loggedAt: string;
}

export interface MajorIncidentProposedV1 {
  incidentId: string;
  justification: string;
  proposedBy: string;
  proposedAt: string;
}

export interface MajorIncidentAcceptedV1 {
  incidentId: string;
  acceptedBy: string;
  acceptedAt: string;
}

export interface MajorIncidentRejectedV1 {
  incidentId: string;
  reason: string;
  rejectedBy: string;
  rejectedAt: string;
}

/** In the child's stream: this incident is now a child of `parentIncidentId`. */
export interface IncidentParentLinkedV1 {
  incidentId: string;
  parentIncidentId: string;
  parentNumber: string;
  linkedAt: string;
}

/** In the parent's stream: `childIncidentId` is now one of this incident's children. */
export interface IncidentChildLinkedV1 {
  incidentId: string;
  childIncidentId: string;
  childNumber: string;
  linkedAt: string;
}

/**
 * In the child's stream: the parent did not take the child after all (it was closed, or the link would now close a
 * cycle), so the child's link is undone. Internal: written only to keep the two sides of a link together.
 */
export interface IncidentParentLinkRevokedV1 {
  incidentId: string;
  parentIncidentId: string;
  reason: string;
  revokedAt: string;
}

export interface IncidentLinkedToChangeV1 {
  incidentId: string;
  changeId: string;
  changeNumber: string;
  relation: ChangeLinkRelation;
  linkedAt: string;
}

export type IncidentOpened = DomainEvent<'IncidentOpened', IncidentOpenedV1>;
export type IncidentAssigned = DomainEvent<'IncidentAssigned', IncidentAssignedV2>;
export type IncidentWorkStarted = DomainEvent<'IncidentWorkStarted', IncidentWorkStartedV1>;
export type IncidentPutOnHold = DomainEvent<'IncidentPutOnHold', IncidentPutOnHoldV1>;
export type IncidentResumed = DomainEvent<'IncidentResumed', IncidentResumedV1>;
export type IncidentResolved = DomainEvent<'IncidentResolved', IncidentResolvedV1>;
export type IncidentClosed = DomainEvent<'IncidentClosed', IncidentClosedV1>;
export type IncidentReopened = DomainEvent<'IncidentReopened', IncidentReopenedV1>;
export type IncidentCancelled = DomainEvent<'IncidentCancelled', IncidentCancelledV1>;
export type IncidentPriorityChanged = DomainEvent<'IncidentPriorityChanged', IncidentPriorityChangedV1>;
export type IncidentEscalated = DomainEvent<'IncidentEscalated', IncidentEscalatedV1>;
export type IncidentWorkLogged = DomainEvent<'IncidentWorkLogged', IncidentWorkLoggedV1>;
export type MajorIncidentProposed = DomainEvent<'MajorIncidentProposed', MajorIncidentProposedV1>;
export type MajorIncidentAccepted = DomainEvent<'MajorIncidentAccepted', MajorIncidentAcceptedV1>;
export type MajorIncidentRejected = DomainEvent<'MajorIncidentRejected', MajorIncidentRejectedV1>;
export type IncidentParentLinked = DomainEvent<'IncidentParentLinked', IncidentParentLinkedV1>;
export type IncidentChildLinked = DomainEvent<'IncidentChildLinked', IncidentChildLinkedV1>;
export type IncidentParentLinkRevoked = DomainEvent<'IncidentParentLinkRevoked', IncidentParentLinkRevokedV1>;
export type IncidentLinkedToChange = DomainEvent<'IncidentLinkedToChange', IncidentLinkedToChangeV1>;

export type IncidentEvent =
  | IncidentOpened
  | IncidentAssigned
  | IncidentWorkStarted
  | IncidentPutOnHold
  | IncidentResumed
  | IncidentResolved
  | IncidentClosed
  | IncidentReopened
  | IncidentCancelled
  | IncidentPriorityChanged
  | IncidentEscalated
  | IncidentWorkLogged
  | MajorIncidentProposed
  | MajorIncidentAccepted
  | MajorIncidentRejected
  | IncidentParentLinked
  | IncidentChildLinked
  | IncidentParentLinkRevoked
  | IncidentLinkedToChange;

export type IncidentEventType = IncidentEvent['type'];

/** Every event type the incident decider writes, for subscriptions and projections (`eventTypes`). */
export const INCIDENT_EVENT_TYPES: readonly IncidentEventType[] = [
  'IncidentOpened',
  'IncidentAssigned',
  'IncidentWorkStarted',
  'IncidentPutOnHold',
  'IncidentResumed',
  'IncidentResolved',
  'IncidentClosed',
  'IncidentReopened',
  'IncidentCancelled',
  'IncidentPriorityChanged',
  'IncidentEscalated',
  'IncidentWorkLogged',
  'MajorIncidentProposed',
  'MajorIncidentAccepted',
  'MajorIncidentRejected',
  'IncidentParentLinked',
  'IncidentChildLinked',
  'IncidentParentLinkRevoked',
  'IncidentLinkedToChange',
];
