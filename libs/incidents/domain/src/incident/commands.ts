import type { ChangeLinkRelation, HoldReason, Impact, ResolutionCode, ServiceLifecycle, Urgency } from '@itsm/contracts';
import type { CommandMetadata } from './command-metadata';
import type { PriorityMatrix } from './priority-matrix';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** What the incidents service knows of the service from its local copy of the catalog (read by the application). */
export interface KnownService {
  /** null when the catalog has never published this service. */
  lifecycle: ServiceLifecycle | null;
  offeringIds: readonly string[];
  /** The offering whose SLA applies when the caller names none; null when the service has no default. */
  defaultOfferingId: string | null;
}

/**
 * `number` is allocated by the application (a database sequence) once a trial decision with a placeholder number
 * has passed, so that a refused open takes no number. `offeringId` null: the service's default offering applies.
 */
export type OpenIncident = Command<
  'OpenIncident',
  {
    incidentId: string;
    number: string;
    callerId: string;
    shortDescription: string;
    description: string;
    serviceId: string;
    offeringId: string | null;
    impact: Impact;
    urgency: Urgency;
    priorityMatrix: PriorityMatrix;
    service: KnownService;
  }
>;

/** Assign to a group, and optionally to an agent of it. */
export type AssignIncident = Command<'AssignIncident', { group: string; agent: string | null }>;

/** Work starts by an agent: the one assigned, or the one named here (required when the incident is still new). */
export type StartIncidentWork = Command<'StartIncidentWork', { assignTo?: { group: string; agent: string } }>;

export type PutIncidentOnHold = Command<'PutIncidentOnHold', { reason: HoldReason }>;

export type ResumeIncident = Command<'ResumeIncident', Record<string, never>>;

export type ResolveIncident = Command<'ResolveIncident', { code: ResolutionCode; notes: string }>;

/** Sent by the application for each open child when the parent is resolved (see `resolveBecauseParentResolved`). */
export type ResolveIncidentWithParent = Command<
  'ResolveIncidentWithParent',
  { parentIncidentId: string; code: ResolutionCode; notes: string }
>;

export type CloseIncident = Command<'CloseIncident', Record<string, never>>;

export type ReopenIncident = Command<'ReopenIncident', { reason: string; reopenWindowDays: number }>;

export type CancelIncident = Command<'CancelIncident', { reason: string }>;

/** New impact and/or urgency; the priority follows from the matrix. */
export type ChangeIncidentPriority = Command<
  'ChangeIncidentPriority',
  { impact?: Impact; urgency?: Urgency; priorityMatrix: PriorityMatrix }
>;

export type EscalateIncident = Command<
  'EscalateIncident',
  | { kind: 'functional'; toGroup: string; reason: string }
  | { kind: 'hierarchical'; reason: string; maxEscalationLevel: number }
>;

/** `entryId` is chosen by the application (a uuid). */
export type LogIncidentWork = Command<'LogIncidentWork', { entryId: string; entry: string; minutesSpent: number }>;

export type ProposeMajorIncident = Command<'ProposeMajorIncident', { justification: string }>;

export type AcceptMajorIncident = Command<'AcceptMajorIncident', Record<string, never>>;

export type RejectMajorIncident = Command<'RejectMajorIncident', { reason: string }>;

/**
 * Linking is two decisions the application appends together: the child takes its parent
 * (`LinkIncidentToParent`) and the parent records its child (`LinkChildIncident`). Each side refuses a cycle
 * it can see: the child refuses a parent that is its child; the parent refuses a child that is its parent.
 */
export type LinkIncidentToParent = Command<'LinkIncidentToParent', { parentIncidentId: string; parentNumber: string }>;

export type LinkChildIncident = Command<'LinkChildIncident', { childIncidentId: string; childNumber: string }>;

/** Sent by the application when the parent refused the child after the child had recorded the link. */
export type RevokeParentLink = Command<'RevokeParentLink', { parentIncidentId: string; reason: string }>;

export type LinkIncidentToChange = Command<
  'LinkIncidentToChange',
  { changeId: string; changeNumber: string; relation: ChangeLinkRelation }
>;

export type IncidentCommand =
  | OpenIncident
  | AssignIncident
  | StartIncidentWork
  | PutIncidentOnHold
  | ResumeIncident
  | ResolveIncident
  | ResolveIncidentWithParent
  | CloseIncident
  | ReopenIncident
  | CancelIncident
  | ChangeIncidentPriority
  | EscalateIncident
  | LogIncidentWork
  | ProposeMajorIncident
  | AcceptMajorIncident
  | RejectMajorIncident
  | LinkIncidentToParent
  | LinkChildIncident
  | RevokeParentLink
  | LinkIncidentToChange;

export type IncidentCommandType = IncidentCommand['type'];
