import {
  CHANGE_LINK_RELATIONS,
  HOLD_REASONS,
  INCIDENT_NUMBER_PATTERN,
  OPEN_INCIDENT_STATES,
  RESOLUTION_CODES,
  type IncidentStateName,
} from '@itsm/contracts';
import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import type {
  AcceptMajorIncident,
  AssignIncident,
  CancelIncident,
  ChangeIncidentPriority,
  CloseIncident,
  EscalateIncident,
  IncidentCommand,
  LinkChildIncident,
  LinkIncidentToChange,
  LinkIncidentToParent,
  LogIncidentWork,
  OpenIncident,
  ProposeMajorIncident,
  PutIncidentOnHold,
  RejectMajorIncident,
  ReopenIncident,
  ResolveIncident,
  ResolveIncidentWithParent,
  ResumeIncident,
  StartIncidentWork,
  RevokeParentLink,
} from './commands';
import type { IncidentEvent } from './events';
import { inStates, requireOneOf, requirePositiveWholeNumber, requireText } from './incident.guards';
import { assertImpactAndUrgency, priorityOf } from './priority-matrix';
import { evolve, initialState, type Incident, type OpenedIncident } from './state';

export const decide = (command: IncidentCommand, incident: Incident): IncidentEvent[] => {
  switch (command.type) {
    case 'OpenIncident': return open(command, incident);
    case 'AssignIncident': return assign(command, incident);
    case 'StartIncidentWork': return startWork(command, incident);
    case 'PutIncidentOnHold': return putOnHold(command, incident);
    case 'ResumeIncident': return resume(command, incident);
    case 'ResolveIncident': return resolve(command, incident);
    case 'ResolveIncidentWithParent': return resolveWithParent(command, incident);
    case 'CloseIncident': return close(command, incident);
    case 'ReopenIncident': return reopen(command, incident);
    case 'CancelIncident': return cancel(command, incident);
    case 'ChangeIncidentPriority': return changePriority(command, incident);
    case 'EscalateIncident': return escalate(command, incident);
    case 'LogIncidentWork': return logWork(command, incident);
    case 'ProposeMajorIncident': return proposeMajor(command, incident);
    case 'AcceptMajorIncident': return acceptMajor(command, incident);
    case 'RejectMajorIncident': return rejectMajor(command, incident);
    case 'LinkIncidentToParent': return linkToParent(command, incident);
    case 'LinkChildIncident': return linkChild(command, incident);
    case 'RevokeParentLink': return revokeParentLink(command, incident);
    case 'LinkIncidentToChange': return linkToChange(command, incident);
    default: return assertNever(command);
  }
};

export const incidentDecider: Decider<IncidentCommand, Incident, IncidentEvent> = { decide, evolve, initialState };

// Which states each use case starts from (ServiceNow-like); every other state refuses with IllegalTransition.
const OPEN = OPEN_INCIDENT_STATES;
const BEING_WORKED: readonly IncidentStateName[] = ['assigned', 'in-progress', 'on-hold'];
const NOT_FINISHED: readonly IncidentStateName[] = [...OPEN, 'resolved'];

const DAY_MS = 24 * 60 * 60 * 1000;
const SHORT_DESCRIPTION_MAX = 160;

// --- lifecycle ----------------------------------------------------------------------------------------------

const open = ({ data, metadata }: OpenIncident, incident: Incident): IncidentEvent[] => {
  if (incident.status === 'opened') throw new IllegalTransition(`Incident ${incident.number} is already open`);
  if (!INCIDENT_NUMBER_PATTERN.test(data.number)) throw new RuleViolation(`"${data.number}" is not an incident number (INC0000001)`);
  requireText(data.callerId, 'The caller');
  requireText(data.shortDescription, 'The short description', SHORT_DESCRIPTION_MAX);
  if (typeof data.description !== 'string') throw new RuleViolation('The description must be text');
  if (data.service.lifecycle === null) throw new RuleViolation(`Service ${data.serviceId} is not in the catalog`);
  if (data.service.lifecycle === 'retired') throw new RuleViolation(`Service ${data.serviceId} is retired: it takes no new incidents`);
  if (data.offeringId !== null && !data.service.offeringIds.includes(data.offeringId)) {
    throw new RuleViolation(`Service ${data.serviceId} has no offering ${data.offeringId}`);
  }
  const priority = priorityOf(data.priorityMatrix, data.impact, data.urgency);
  // The incident records the offering whose SLA drives it, the default one included.
  const offeringId = data.offeringId ?? data.service.defaultOfferingId;
  const { incidentId, number, callerId, shortDescription, description, serviceId, impact, urgency } = data;
  return [
    {
      type: 'IncidentOpened',
      data: {
        incidentId, number, callerId, shortDescription, description, serviceId, offeringId, impact, urgency, priority,
        state: 'new',
        openedAt: metadata.now.toISOString(),
      },
    },
  ];
};

/** The IncidentAssigned fact for a new assignment; a new incident becomes `assigned`, others keep their state. */
const assigned = (incident: OpenedIncident, group: string, agent: string | null, at: Date): IncidentEvent => ({
  type: 'IncidentAssigned',
  data: {
    incidentId: incident.incidentId,
    assignmentGroup: group,
    assignee: agent,
    previousAssignmentGroup: incident.assignment.group,
    previousAssignee: incident.assignment.agent,
    state: incident.lifecycle.state === 'new' ? 'assigned' : incident.lifecycle.state,
    assignedAt: at.toISOString(),
  },
});

const isCurrentAssignment = (incident: OpenedIncident, group: string, agent: string | null) =>
  incident.assignment.group === group && incident.assignment.agent === agent;

const assign = ({ data, metadata }: AssignIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, OPEN, 'be assigned');
  requireText(data.group, 'The assignment group', 200);
  if (data.agent !== null) requireText(data.agent, 'The agent', 200);
  if (isCurrentAssignment(incident, data.group, data.agent)) return [];
  return [assigned(incident, data.group, data.agent, metadata.now)];
};

const startWork = ({ data, metadata }: StartIncidentWork, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, ['new', 'assigned'], 'start work');
  const { assignTo } = data;
  if (incident.lifecycle.state === 'new' && assignTo === undefined) {
    throw new IllegalTransition(`Incident ${incident.number} is new: assign it, or start work naming the agent who takes it`);
  }
  if (assignTo !== undefined) {
    requireText(assignTo.group, 'The assignment group', 200);
    requireText(assignTo.agent, 'The agent', 200);
  }
  const agent = assignTo?.agent ?? incident.assignment.agent;
  if (agent === null) {
    throw new RuleViolation(`Incident ${incident.number} has no agent assigned: work starts when someone takes it`);
  }
  const reassignment =
    assignTo !== undefined && !isCurrentAssignment(incident, assignTo.group, assignTo.agent)
      ? [assigned(incident, assignTo.group, assignTo.agent, metadata.now)]
      : [];
  const started: IncidentEvent = {
    type: 'IncidentWorkStarted',
    data: { incidentId: incident.incidentId, agent, state: 'in-progress', startedAt: metadata.now.toISOString() },
  };
  return [...reassignment, started];
};

const putOnHold = ({ data, metadata }: PutIncidentOnHold, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, ['assigned', 'in-progress'], 'be put on hold');
  const reason = requireOneOf(data.reason, HOLD_REASONS, 'The hold reason');
  const previousState = incident.lifecycle.state;
  return [
    {
      type: 'IncidentPutOnHold',
      data: { incidentId: incident.incidentId, reason, previousState, state: 'on-hold', heldAt: metadata.now.toISOString() },
    },
  ];
};

const resume = ({ metadata }: ResumeIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, ['on-hold'], 'resume');
  return [
    {
      type: 'IncidentResumed',
      data: {
        incidentId: incident.incidentId,
        holdReason: incident.lifecycle.reason,
        state: 'in-progress',
        resumedAt: metadata.now.toISOString(),
      },
    },
  ];
};

const resolution = (
  incident: OpenedIncident,
  data: { code: unknown; notes: unknown },
  at: Date,
  resolvedWithParentIncidentId: string | null,
): IncidentEvent => ({
  type: 'IncidentResolved',
  data: {
    incidentId: incident.incidentId,
    code: requireOneOf(data.code, RESOLUTION_CODES, 'The resolution code'),
    notes: requireText(data.notes, 'The resolution notes'),
    previousState: incident.lifecycle.state,
    state: 'resolved',
    childIncidentIds: [...incident.childIncidentIds],
    resolvedWithParentIncidentId,
    resolvedAt: at.toISOString(),
  },
});

const resolve = ({ data, metadata }: ResolveIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, BEING_WORKED, 'be resolved');
  return [resolution(incident, data, metadata.now, null)];
};

/** A child follows its parent from any open state, new included: the parent's fix is the child's fix. */
const resolveWithParent = ({ data, metadata }: ResolveIncidentWithParent, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, OPEN, 'be resolved with its parent');
  if (incident.parentIncidentId !== data.parentIncidentId) {
    throw new RuleViolation(`Incident ${incident.number} is not a child of incident ${data.parentIncidentId}`);
  }
  return [resolution(incident, data, metadata.now, data.parentIncidentId)];
};

const close = ({ metadata }: CloseIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, ['resolved'], 'be closed');
  return [{ type: 'IncidentClosed', data: { incidentId: incident.incidentId, state: 'closed', closedAt: metadata.now.toISOString() } }];
};

const reopen = ({ data, metadata }: ReopenIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, ['resolved'], 'be reopened');
  // A requester reopens only what they called in (as they see only their own incidents); agents reopen any.
  if (metadata.actor.role === 'requester' && metadata.actor.id !== incident.callerId) {
    throw new RuleViolation(`Incident ${incident.number} was called in by someone else: a requester reopens only their own incidents`);
  }
  const reason = requireText(data.reason, 'The reason for reopening');
  if (!Number.isFinite(data.reopenWindowDays) || data.reopenWindowDays < 0) {
    throw new RuleViolation(`The reopen window must be zero or more days (got ${data.reopenWindowDays})`);
  }
  const resolvedAt = incident.lifecycle.resolvedAt;
  if (metadata.now.getTime() - Date.parse(resolvedAt) > data.reopenWindowDays * DAY_MS) {
    throw new RuleViolation(
      `Incident ${incident.number} was resolved at ${resolvedAt}, more than ${data.reopenWindowDays} days ago: open a new incident instead`,
    );
  }
  return [
    {
      type: 'IncidentReopened',
      data: {
        incidentId: incident.incidentId,
        reason,
        reopenCount: incident.reopenCount + 1,
        state: 'in-progress',
        reopenedAt: metadata.now.toISOString(),
      },
    },
  ];
};

const cancel = ({ data, metadata }: CancelIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, OPEN, 'be cancelled');
  return [
    {
      type: 'IncidentCancelled',
      data: {
        incidentId: incident.incidentId,
        reason: requireText(data.reason, 'The reason for cancelling'),
        previousState: incident.lifecycle.state,
        state: 'cancelled',
        cancelledAt: metadata.now.toISOString(),
      },
    },
  ];
};

// --- priority and escalation --------------------------------------------------------------------------------

const changePriority = ({ data, metadata }: ChangeIncidentPriority, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, OPEN, 'change priority');
  const impact = data.impact ?? incident.impact;
  const urgency = data.urgency ?? incident.urgency;
  assertImpactAndUrgency(impact, urgency);
  if (impact === incident.impact && urgency === incident.urgency) return [];
  return [
    {
      type: 'IncidentPriorityChanged',
      data: {
        incidentId: incident.incidentId,
        impact,
        urgency,
        previousImpact: incident.impact,
        previousUrgency: incident.urgency,
        from: incident.priority,
        to: priorityOf(data.priorityMatrix, impact, urgency),
        changedAt: metadata.now.toISOString(),
      },
    },
  ];
};

const escalate = ({ data, metadata }: EscalateIncident, state: Incident): IncidentEvent[] => {
  const at = metadata.now.toISOString();
  if (data.kind === 'functional') {
    // A new incident has no group to escalate from: assigning it is the first step.
    const incident = inStates(state, BEING_WORKED, 'be escalated to another group');
    const toGroup = requireText(data.toGroup, 'The group to escalate to', 200);
    const reason = requireText(data.reason, 'The reason for escalating');
    const fromGroup = incident.assignment.group as string;
    if (toGroup === fromGroup) throw new RuleViolation(`Incident ${incident.number} is already with group ${toGroup}`);
    return [
      { type: 'IncidentEscalated', data: { incidentId: incident.incidentId, kind: 'functional', fromGroup, toGroup, reason, escalatedAt: at } },
      assigned(incident, toGroup, null, metadata.now),
    ];
  }
  const incident = inStates(state, OPEN, 'be escalated');
  const reason = requireText(data.reason, 'The reason for escalating');
  const maxLevel = requirePositiveWholeNumber(data.maxEscalationLevel, 'The highest escalation level');
  if (incident.escalationLevel >= maxLevel) {
    throw new RuleViolation(`Incident ${incident.number} is already at the highest escalation level (${maxLevel})`);
  }
  return [
    {
      type: 'IncidentEscalated',
      data: {
        incidentId: incident.incidentId,
        kind: 'hierarchical',
        fromLevel: incident.escalationLevel,
        toLevel: incident.escalationLevel + 1,
        reason,
        escalatedAt: at,
      },
    },
  ];
};

// --- work log -----------------------------------------------------------------------------------------------

const logWork = ({ data, metadata }: LogIncidentWork, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, NOT_FINISHED, 'take work log entries');
  return [
    {
      type: 'IncidentWorkLogged',
      data: {
        incidentId: incident.incidentId,
        entryId: requireText(data.entryId, 'The entry id', 100),
        entry: requireText(data.entry, 'The work log entry'),
        minutesSpent: requirePositiveWholeNumber(data.minutesSpent, 'The minutes spent'),
        loggedBy: metadata.actor.id,
        loggedAt: metadata.now.toISOString(),
      },
    },
  ];
};

// --- major incident -----------------------------------------------------------------------------------------

const proposeMajor = ({ data, metadata }: ProposeMajorIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, OPEN, 'be proposed as a major incident');
  if (incident.major === 'proposed') throw new IllegalTransition(`Incident ${incident.number} is already proposed as a major incident`);
  if (incident.major === 'accepted') throw new IllegalTransition(`Incident ${incident.number} is already a major incident`);
  return [
    {
      type: 'MajorIncidentProposed',
      data: {
        incidentId: incident.incidentId,
        justification: requireText(data.justification, 'The justification'),
        proposedBy: metadata.actor.id,
        proposedAt: metadata.now.toISOString(),
      },
    },
  ];
};

const pendingProposal = (state: Incident, action: string): OpenedIncident => {
  const incident = inStates(state, OPEN, action);
  if (incident.major !== 'proposed') {
    throw new IllegalTransition(`Incident ${incident.number} has no pending major-incident proposal (it is ${incident.major})`);
  }
  return incident;
};

/** Separation of duties: the one who proposed a major incident does not also accept it. */
const acceptMajor = ({ metadata }: AcceptMajorIncident, state: Incident): IncidentEvent[] => {
  const incident = pendingProposal(state, 'be accepted as a major incident');
  if (incident.majorProposedBy === metadata.actor.id) {
    throw new RuleViolation(
      `Incident ${incident.number} was proposed as a major incident by ${metadata.actor.id}: someone else must accept it`,
    );
  }
  return [
    {
      type: 'MajorIncidentAccepted',
      data: { incidentId: incident.incidentId, acceptedBy: metadata.actor.id, acceptedAt: metadata.now.toISOString() },
    },
  ];
};

const rejectMajor = ({ data, metadata }: RejectMajorIncident, state: Incident): IncidentEvent[] => {
  const incident = pendingProposal(state, 'be rejected as a major incident');
  return [
    {
      type: 'MajorIncidentRejected',
      data: {
        incidentId: incident.incidentId,
        reason: requireText(data.reason, 'The reason for rejecting'),
        rejectedBy: metadata.actor.id,
        rejectedAt: metadata.now.toISOString(),
      },
    },
  ];
};

// --- links --------------------------------------------------------------------------------------------------

const linkToParent = ({ data, metadata }: LinkIncidentToParent, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, OPEN, 'be linked to a parent');
  const { parentIncidentId, parentNumber } = data;
  if (parentIncidentId === incident.incidentId) throw new RuleViolation('An incident cannot be its own parent');
  if (incident.parentIncidentId === parentIncidentId) {
    throw new RuleViolation(`Incident ${incident.number} is already a child of ${parentNumber}`);
  }
  if (incident.parentIncidentId !== null) {
    throw new RuleViolation(`Incident ${incident.number} already has a parent: a child has one parent`);
  }
  if (incident.childIncidentIds.includes(parentIncidentId)) {
    throw new RuleViolation(`Incident ${parentNumber} is a child of ${incident.number}: the link would create a cycle`);
  }
  return [
    {
      type: 'IncidentParentLinked',
      data: { incidentId: incident.incidentId, parentIncidentId, parentNumber, linkedAt: metadata.now.toISOString() },
    },
  ];
};

const linkChild = ({ data, metadata }: LinkChildIncident, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, OPEN, 'take child incidents');
  const { childIncidentId, childNumber } = data;
  if (childIncidentId === incident.incidentId) throw new RuleViolation('An incident cannot be its own child');
  if (incident.childIncidentIds.includes(childIncidentId)) {
    throw new RuleViolation(`Incident ${childNumber} is already a child of ${incident.number}`);
  }
  if (incident.parentIncidentId === childIncidentId) {
    throw new RuleViolation(`Incident ${childNumber} is the parent of ${incident.number}: the link would create a cycle`);
  }
  return [
    {
      type: 'IncidentChildLinked',
      data: { incidentId: incident.incidentId, childIncidentId, childNumber, linkedAt: metadata.now.toISOString() },
    },
  ];
};

/** Idempotent: a link already gone (revoked before, or never made) needs nothing more. */
const revokeParentLink = ({ data, metadata }: RevokeParentLink, state: Incident): IncidentEvent[] => {
  if (state.status !== 'opened' || state.parentIncidentId !== data.parentIncidentId) return [];
  requireText(data.reason, 'The reason');
  return [
    {
      type: 'IncidentParentLinkRevoked',
      data: { incidentId: state.incidentId, parentIncidentId: data.parentIncidentId, reason: data.reason, revokedAt: metadata.now.toISOString() },
    },
  ];
};

const linkToChange = ({ data, metadata }: LinkIncidentToChange, state: Incident): IncidentEvent[] => {
  const incident = inStates(state, NOT_FINISHED, 'be linked to a change');
  const relation = requireOneOf(data.relation, CHANGE_LINK_RELATIONS, 'The relation');
  requireText(data.changeId, 'The change id', 100);
  requireText(data.changeNumber, 'The change number', 100);
  if (incident.changeLinks.some((link) => link.changeId === data.changeId && link.relation === relation)) {
    throw new RuleViolation(`Incident ${incident.number} is already linked to change ${data.changeNumber} as ${relation}`);
  }
  return [
    {
      type: 'IncidentLinkedToChange',
      data: {
        incidentId: incident.incidentId,
        changeId: data.changeId,
        changeNumber: data.changeNumber,
        relation,
        linkedAt: metadata.now.toISOString(),
      },
    },
  ];
};
