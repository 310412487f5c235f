import type {
  ChangeLinkRelation,
  HoldReason,
  Impact,
  IncidentStateName,
  Priority,
  ResolutionCode,
  Urgency,
} from '@itsm/contracts';
import type { CommandMetadata } from './command-metadata';
import type { IncidentCommand, KnownService } from './commands';
import type { IncidentEvent } from './events';
import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from './priority-matrix';

/** Builders for the incident decider's specs: each takes only the facts a test cares about. */

export const incidentId = '0190f3a4-0000-7000-8000-000000001001';
export const parentId = '0190f3a4-0000-7000-8000-000000001002';
export const childId = '0190f3a4-0000-7000-8000-000000001003';
export const serviceId = '0190f3a4-0000-7000-8000-000000000001';
export const offeringId = '0190f3a4-0000-7000-8000-0000000000a1';
export const changeId = '0190f3a4-0000-7000-8000-0000000000c9';
export const number = 'INC0000001';

export const now = new Date('2026-03-02T10:00:00.000Z');
export const at = now.toISOString();
export const agent = { id: 'agent-7', role: 'agent' };
export const metadata: CommandMetadata = { now, actor: agent };
export const metadataAt = (time: Date | string, actorId = agent.id, role = 'agent'): CommandMetadata => ({
  now: new Date(time),
  actor: { id: actorId, role },
});
export const daysAfter = (days: number, from: Date = now): Date => new Date(from.getTime() + days * 24 * 60 * 60 * 1000);

// --- events ---------------------------------------------------------------------------------------------------

type EventOf<T extends IncidentEvent['type']> = Extract<IncidentEvent, { type: T }>;
/** Omit that keeps a union's members apart (escalations are functional or hierarchical). */
type WithoutId<Data> = Data extends unknown ? Omit<Data, 'incidentId'> : never;
const event = <T extends IncidentEvent['type']>(type: T, data: WithoutId<EventOf<T>['data']>, id = incidentId) =>
  ({ type, data: { incidentId: id, ...data } }) as unknown as EventOf<T>;

export const opened = (overrides: Partial<EventOf<'IncidentOpened'>['data']> = {}): IncidentEvent =>
  event('IncidentOpened', {
    number, callerId: 'caller-1', shortDescription: 'Email is down', description: 'Outlook shows "disconnected"',
    serviceId, offeringId: null, impact: 2, urgency: 2, priority: 'P3', state: 'new', openedAt: at,
    ...overrides,
  });
export const assigned = (
  group: string,
  assignee: string | null,
  { previousGroup = null, previousAgent = null, state = 'assigned' }: { previousGroup?: string | null; previousAgent?: string | null; state?: IncidentStateName } = {},
): IncidentEvent => event('IncidentAssigned', {
    assignmentGroup: group,
    assignee,
    previousAssignmentGroup: previousGroup,
    previousAssignee: previousAgent,
    state,
    assignedAt: at,
  });
export const workStarted = (assignee: string | null = 'agent-7'): IncidentEvent =>
  event('IncidentWorkStarted', { agent: assignee, state: 'in-progress', startedAt: at });
export const heldEvent = (reason: HoldReason = 'awaiting-caller', previousState: 'assigned' | 'in-progress' = 'in-progress'): IncidentEvent =>
  event('IncidentPutOnHold', { reason, previousState, state: 'on-hold', heldAt: at });
export const resumed = (holdReason: HoldReason = 'awaiting-caller'): IncidentEvent =>
  event('IncidentResumed', { holdReason, state: 'in-progress', resumedAt: at });
export const resolvedEvent = (
  overrides: Partial<EventOf<'IncidentResolved'>['data']> = {},
  id = incidentId,
): IncidentEvent =>
  event(
    'IncidentResolved',
    {
      code: 'solved-permanently', notes: 'Restarted the mail gateway', previousState: 'in-progress', state: 'resolved',
      childIncidentIds: [], resolvedWithParentIncidentId: null, resolvedAt: at,
      ...overrides,
    },
    id,
  );
export const closedEvent = (closedAt = at): IncidentEvent => event('IncidentClosed', { state: 'closed', closedAt });
export const reopened = (reopenCount = 1, reopenedAt = at, reason = 'Caller says it is still broken'): IncidentEvent =>
  event('IncidentReopened', { reason, reopenCount, state: 'in-progress', reopenedAt });
export const cancelledEvent = (previousState: IncidentStateName = 'new', reason = 'Opened twice'): IncidentEvent =>
  event('IncidentCancelled', { reason, previousState, state: 'cancelled', cancelledAt: at });
export const priorityChanged = (
  impact: Impact, urgency: Urgency, from: Priority, to: Priority,
  previous: { impact: Impact; urgency: Urgency } = { impact: 2, urgency: 2 },
): IncidentEvent =>
  event('IncidentPriorityChanged', {
    impact, urgency, previousImpact: previous.impact, previousUrgency: previous.urgency, from, to, changedAt: at,
  });
export const escalatedToGroup = (fromGroup: string, toGroup: string, reason = 'Needs the mail team'): IncidentEvent =>
  event('IncidentEscalated', { kind: 'functional', fromGroup, toGroup, reason, escalatedAt: at });
export const escalatedToLevel = (toLevel: number, reason = 'Caller is the CEO'): IncidentEvent =>
  event('IncidentEscalated', { kind: 'hierarchical', fromLevel: toLevel - 1, toLevel, reason, escalatedAt: at });
export const workLogged = (minutesSpent = 30, entry = 'Checked the gateway logs', entryId = 'entry-1'): IncidentEvent =>
  event('IncidentWorkLogged', { entryId, entry, minutesSpent, loggedBy: agent.id, loggedAt: at });
export const majorProposed = (justification = 'Whole company without email'): IncidentEvent =>
  event('MajorIncidentProposed', { justification, proposedBy: agent.id, proposedAt: at });
export const majorAccepted = (by = 'mim-1'): IncidentEvent => event('MajorIncidentAccepted', { acceptedBy: by, acceptedAt: at });
export const majorRejected = (by = 'mim-1', reason = 'Only one site affected'): IncidentEvent =>
  event('MajorIncidentRejected', { reason, rejectedBy: by, rejectedAt: at });
export const parentLinked = (parent = parentId, parentNumber = 'INC0000002'): IncidentEvent =>
  event('IncidentParentLinked', { parentIncidentId: parent, parentNumber, linkedAt: at });
export const childLinked = (child = childId, childNumber = 'INC0000003'): IncidentEvent =>
  event('IncidentChildLinked', { childIncidentId: child, childNumber, linkedAt: at });
export const parentLinkRevoked = (parent = parentId, reason = 'The parent was closed before it took the child'): IncidentEvent =>
  event('IncidentParentLinkRevoked', { parentIncidentId: parent, reason, revokedAt: at });
export const linkedToChange = (relation: ChangeLinkRelation = 'caused-by', id = changeId, changeNumber = 'CHG0000009'): IncidentEvent =>
  event('IncidentLinkedToChange', { changeId: id, changeNumber, relation, linkedAt: at });

/** Histories that leave the incident in each state (assigned to service-desk / agent-7 where it has an agent). */
export const histories = {
  new: [opened()],
  assigned: [opened(), assigned('service-desk', 'agent-7')],
  assignedToGroupOnly: [opened(), assigned('service-desk', null)],
  inProgress: [opened(), assigned('service-desk', 'agent-7'), workStarted()],
  onHold: [opened(), assigned('service-desk', 'agent-7'), workStarted(), heldEvent()],
  resolved: [opened(), assigned('service-desk', 'agent-7'), workStarted(), resolvedEvent()],
  closed: [opened(), assigned('service-desk', 'agent-7'), workStarted(), resolvedEvent(), closedEvent()],
  cancelled: [opened(), cancelledEvent()],
} satisfies Record<string, IncidentEvent[]>;

// --- commands -------------------------------------------------------------------------------------------------

type CommandOf<T extends IncidentCommand['type']> = Extract<IncidentCommand, { type: T }>;
const command = <T extends IncidentCommand['type']>(type: T, data: CommandOf<T>['data'], meta: CommandMetadata = metadata) =>
  ({ type, data, metadata: meta }) as CommandOf<T>;

export const defaultOfferingId = '0190f3a4-0000-7000-8000-0000000000a0';
export const liveService: KnownService = { lifecycle: 'live', offeringIds: [defaultOfferingId, offeringId], defaultOfferingId };

export const open = (overrides: Partial<CommandOf<'OpenIncident'>['data']> = {}) =>
  command('OpenIncident', {
    incidentId, number, callerId: 'caller-1', shortDescription: 'Email is down', description: 'Outlook shows "disconnected"',
    serviceId, offeringId: null, impact: 2, urgency: 2, priorityMatrix: DEFAULT_PRIORITY_MATRIX, service: liveService,
    ...overrides,
  });
export const assign = (group = 'service-desk', assignee: string | null = 'agent-7') => command('AssignIncident', { group, agent: assignee });
export const startWork = (assignTo?: { group: string; agent: string }) => command('StartIncidentWork', assignTo ? { assignTo } : {});
export const hold = (reason: HoldReason = 'awaiting-caller') => command('PutIncidentOnHold', { reason });
export const resume = () => command('ResumeIncident', {});
export const resolve = (code: ResolutionCode = 'solved-permanently', notes = 'Restarted the mail gateway') =>
  command('ResolveIncident', { code, notes });
export const resolveWithParent = (parent = parentId, code: ResolutionCode = 'solved-permanently', notes = 'Fixed at the parent') =>
  command('ResolveIncidentWithParent', { parentIncidentId: parent, code, notes });
export const close = () => command('CloseIncident', {});
export const reopen = (
  { reason = 'Caller says it is still broken', reopenWindowDays = 7, when = now }: { reason?: string; reopenWindowDays?: number; when?: Date } = {},
) => command('ReopenIncident', { reason, reopenWindowDays }, metadataAt(when));
export const cancel = (reason = 'Opened twice') => command('CancelIncident', { reason });
export const changePriority = (
  change: { impact?: Impact; urgency?: Urgency },
  priorityMatrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
) => command('ChangeIncidentPriority', { ...change, priorityMatrix });
export const escalateToGroup = (toGroup = 'mail-team', reason = 'Needs the mail team') =>
  command('EscalateIncident', { kind: 'functional', toGroup, reason });
export const escalateUp = (maxEscalationLevel = 3, reason = 'Caller is the CEO') =>
  command('EscalateIncident', { kind: 'hierarchical', reason, maxEscalationLevel });
export const logWork = (minutesSpent = 30, entry = 'Checked the gateway logs', entryId = 'entry-1') =>
  command('LogIncidentWork', { entryId, entry, minutesSpent });
export const proposeMajor = (justification = 'Whole company without email') => command('ProposeMajorIncident', { justification });
export const acceptMajor = (by = 'mim-1') => command('AcceptMajorIncident', {}, metadataAt(now, by));
export const rejectMajor = (by = 'mim-1', reason = 'Only one site affected') =>
  command('RejectMajorIncident', { reason }, metadataAt(now, by));
export const linkToParent = (parent = parentId, parentNumber = 'INC0000002') =>
  command('LinkIncidentToParent', { parentIncidentId: parent, parentNumber });
export const linkChild = (child = childId, childNumber = 'INC0000003') =>
  command('LinkChildIncident', { childIncidentId: child, childNumber });
export const revokeParentLink = (parent = parentId, reason = 'The parent was closed before it took the child') =>
  command('RevokeParentLink', { parentIncidentId: parent, reason });
export const linkToChange = (relation: ChangeLinkRelation = 'caused-by', id = changeId, changeNumber = 'CHG0000009') =>
  command('LinkIncidentToChange', { changeId: id, changeNumber, relation });
