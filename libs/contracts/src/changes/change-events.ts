import type { DomainEvent } from '@itsm/event-sourcing';
import type {
  ApprovalDecision,
  ChangeApprovalGiven,
  ChangeApprovalStage,
  ChangeImplementer,
  ChangeOutcome,
  ChangePendingApproval,
  ChangeRiskInputs,
  ChangeRiskQuestionScore,
  ChangeRiskRuleFired,
  ChangeStateName,
  ChangeType,
  MaterialChangeField,
  RiskAssessmentTrigger,
  RiskLevel,
} from './change-vocabulary';

/*
 * Published events of the change stream (`change-<uuid>`), schema version 1 unless
 * `CHANGES_EVENT_SCHEMA_VERSIONS` says otherwise. Facts in the past tense; each carries what a reader needs without
 * replaying the rules (the state after it where the state changes), since other contexts read only events. Times are
 * ISO-8601 UTC strings; who did it is in the envelope's `actor` unless the fact is about a person (`requesterId`,
 * `approverId`, `reviewedBy`).
 */

/** The fields of a change that an edit (`ChangeUpdated`) may set. */
export interface ChangeEditableFields {
  shortDescription: string;
  description: string;
  justification: string;
  /** One or more services, no duplicates. */
  serviceIds: string[];
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
  plannedStart: string;
  /** After `plannedStart`. */
  plannedEnd: string;
  implementer: ChangeImplementer;
}

/** A change was raised: the whole record, in state `new`. */
export interface ChangeRaisedV1 extends ChangeEditableFields {
  changeId: string;
  /** `CHG0000001`, allocated by the application. */
  number: string;
  type: ChangeType;
  /** Who raised it: never an approver of it. */
  requesterId: string;
  /** The catalog's change template a standard change follows; null for normal and emergency changes. */
  templateId: string | null;
  state: 'new';
  raisedAt: string;
}

/**
 * Fields of the change were edited: `changes` holds their new values, `previous` the values before. A material edit
 * (see `MATERIAL_CHANGE_FIELDS`) asks for a new risk assessment; while approvals are given or pending it also lapses
 * them (`ChangeApprovalsLapsed` follows in the same append).
 */
export interface ChangeUpdatedV1 {
  changeId: string;
  changes: Partial<ChangeEditableFields>;
  previous: Partial<ChangeEditableFields>;
  /** The material fields among `changes` (empty for an edit of the texts or the implementer). */
  materialFields: MaterialChangeField[];
  /** Whether the change now needs a (new) risk assessment. */
  riskAssessmentDue: boolean;
  /** The state the edit was made in. */
  state: ChangeStateName;
  updatedAt: string;
}

/** The type was switched while the change was new and had never been approved or rejected by anyone. */
export interface ChangeTypeChangedV1 {
  changeId: string;
  from: ChangeType;
  to: ChangeType;
  /** The template of a change that became standard; null otherwise. */
  templateId: string | null;
  previousTemplateId: string | null;
  riskAssessmentDue: boolean;
  changedAt: string;
}

/**
 * The change left `new`: a normal change goes to `assess`, an emergency one to `authorize` (its ECAB stages follow in
 * `ChangeApprovalRequested`), a standard one straight to `scheduled` (pre-approved by its template; `ChangeScheduled`
 * follows).
 */
export interface ChangeSubmittedV1 {
  changeId: string;
  type: ChangeType;
  templateId: string | null;
  previousState: 'new';
  state: 'assess' | 'authorize' | 'scheduled';
  submittedAt: string;
}

/**
 * The change's risk as the application's risk policy assessed it (rules and a weighted questionnaire; the higher level
 * wins). A normal change in `assess` moves to `authorize` with it, and its approval stages follow.
 */
export interface ChangeRiskAssessedV1 {
  changeId: string;
  level: RiskLevel;
  policyVersion: string;
  firedRules: ChangeRiskRuleFired[];
  questionScores: ChangeRiskQuestionScore[];
  ruleLevel: RiskLevel;
  questionnaireLevel: RiskLevel;
  /** The level of the assessment this one replaces; null for the first. */
  previousLevel: RiskLevel | null;
  previousState: ChangeStateName;
  state: ChangeStateName;
  assessedAt: string;
  /** The facts and answers the policy read (left out by assessments recorded before they were kept). */
  inputs?: ChangeRiskInputs;
  /** Why it was assessed; left out means asked for. */
  trigger?: RiskAssessmentTrigger;
  /**
   * The inputs that differ from the previous assessment's (`expectedOutageMinutes`, `answers.tested`…): what moved
   * the level, or why it stayed; left out for a first assessment, or when the previous one kept no inputs.
   */
  changedInputs?: string[];
}

/**
 * Approval was asked for: the stages, decided in order, of a new approval round (counted from 1). The approval policy
 * for the change's type and risk chose them; the first stage is open.
 */
export interface ChangeApprovalRequestedV1 {
  changeId: string;
  round: number;
  stages: ChangeApprovalStage[];
  currentStage: string;
  previousState: ChangeStateName;
  state: 'authorize';
  requestedAt: string;
}

/**
 * An approver approved or rejected the open stage. `seenHash` is the hash of the change's material content the approver
 * saw (it matched the change's at the time). `tally` counts the stage's decisions, this one included.
 */
export interface ChangeApprovalRecordedV1 {
  changeId: string;
  round: number;
  stage: string;
  approverId: string;
  decision: ApprovalDecision;
  comment: string;
  seenHash: string;
  tally: { approvals: number; rejections: number; eligible: number | null };
  recordedAt: string;
}

/** A stage reached its quorum; `nextStage` is now open, or null when this was the last one (`ChangeAuthorized` follows). */
export interface ChangeApprovalStageApprovedV1 {
  changeId: string;
  round: number;
  stage: string;
  approvedBy: string[];
  nextStage: string | null;
  approvedAt: string;
}

/** Every stage of the round approved: the change is authorized and scheduled (`ChangeScheduled` follows). */
export interface ChangeAuthorizedV1 {
  changeId: string;
  round: number;
  stages: string[];
  previousState: 'authorize';
  state: 'scheduled';
  authorizedAt: string;
}

/**
 * The change is on the schedule for its planned window: a standard change when submitted, the others when authorized.
 * Carries what the schedule and the conflict detection need.
 */
export interface ChangeScheduledV1 {
  changeId: string;
  number: string;
  type: ChangeType;
  plannedStart: string;
  plannedEnd: string;
  serviceIds: string[];
  implementer: ChangeImplementer;
  because: 'pre-approved' | 'authorized';
  state: 'scheduled';
  scheduledAt: string;
}

/**
 * A stage was rejected, by a veto or because its quorum can no longer be reached: the change goes back to `new` (to be
 * reworked and submitted again); its pending approvals are canceled (`ChangeApprovalsCanceled` follows).
 */
export interface ChangeRejectedV1 {
  changeId: string;
  round: number;
  stage: string;
  reason: 'veto' | 'quorum-unreachable';
  /** Every approver who rejected the stage, the deciding one last. */
  rejectedBy: string[];
  /** The deciding rejection's comment. */
  comment: string;
  previousState: 'authorize';
  state: 'new';
  rejectedAt: string;
}

/** Approvals still pending were canceled, because the change was rejected or canceled: nobody needs to decide any more. */
export interface ChangeApprovalsCanceledV1 {
  changeId: string;
  round: number;
  reason: 'rejected' | 'canceled';
  pendingApprovals: ChangePendingApproval[];
  canceledAt: string;
}

/**
 * A material edit voided the round's approvals, given and pending: a normal change goes back to `assess` (to be assessed
 * and approved again), an emergency one stays in `authorize` with a new round of its ECAB stages
 * (`ChangeApprovalRequested` follows).
 */
export interface ChangeApprovalsLapsedV1 {
  changeId: string;
  round: number;
  reason: 'material-change';
  fields: MaterialChangeField[];
  lapsedApprovals: ChangeApprovalGiven[];
  pendingApprovals: ChangePendingApproval[];
  previousState: 'authorize' | 'scheduled';
  state: 'assess' | 'authorize';
  lapsedAt: string;
}

/** Implementation began, with no blocking conflict. */
export interface ChangeImplementationStartedV1 {
  changeId: string;
  plannedStart: string;
  plannedEnd: string;
  implementer: ChangeImplementer;
  previousState: 'scheduled';
  state: 'implement';
  startedAt: string;
}

/** Implementation ended with an outcome; `reviewRequired` says whether closing waits for a post-implementation review. */
export interface ChangeCompletedV1 {
  changeId: string;
  outcome: ChangeOutcome;
  notes: string;
  reviewRequired: boolean;
  previousState: 'implement';
  state: 'review';
  completedAt: string;
}

/** The post-implementation review, recorded once in `review`. */
export interface ChangePostImplementationReviewRecordedV1 {
  changeId: string;
  outcome: ChangeOutcome;
  summary: string;
  lessons: string | null;
  followUpActions: string[];
  /** Incidents recorded as caused by the change when it was reviewed. */
  causedIncidentIds: string[];
  reviewedBy: string;
  reviewedAt: string;
}

export interface ChangeClosedV1 {
  changeId: string;
  outcome: ChangeOutcome;
  causedIncidentCount: number;
  previousState: 'review';
  state: 'closed';
  closedAt: string;
}

/** Canceled before its review; approvals still pending are canceled with it (`ChangeApprovalsCanceled` follows). */
export interface ChangeCanceledV1 {
  changeId: string;
  reason: string;
  previousState: ChangeStateName;
  state: 'canceled';
  canceledAt: string;
}

/** An incident was linked as caused by this change (from the incidents context's link); `linkedAt` is when it was linked there. */
export interface ChangeCausedIncidentRecordedV1 {
  changeId: string;
  incidentId: string;
  incidentNumber: string;
  linkedAt: string;
  /** How many incidents the change has caused, this one included. */
  causedIncidentCount: number;
  recordedAt: string;
}

/** The incident's link to this change was removed: it no longer counts as caused by it. */
export interface ChangeCausedIncidentRemovedV1 {
  changeId: string;
  incidentId: string;
  incidentNumber: string;
  causedIncidentCount: number;
  removedAt: string;
}

export type ChangeRaised = DomainEvent<'ChangeRaised', ChangeRaisedV1>;
export type ChangeUpdated = DomainEvent<'ChangeUpdated', ChangeUpdatedV1>;
export type ChangeTypeChanged = DomainEvent<'ChangeTypeChanged', ChangeTypeChangedV1>;
export type ChangeSubmitted = DomainEvent<'ChangeSubmitted', ChangeSubmittedV1>;
export type ChangeRiskAssessed = DomainEvent<'ChangeRiskAssessed', ChangeRiskAssessedV1>;
export type ChangeApprovalRequested = DomainEvent<'ChangeApprovalRequested', ChangeApprovalRequestedV1>;
export type ChangeApprovalRecorded = DomainEvent<'ChangeApprovalRecorded', ChangeApprovalRecordedV1>;
export type ChangeApprovalStageApproved = DomainEvent<'ChangeApprovalStageApproved', ChangeApprovalStageApprovedV1>;
export type ChangeAuthorized = DomainEvent<'ChangeAuthorized', ChangeAuthorizedV1>;
export type ChangeScheduled = DomainEvent<'ChangeScheduled', ChangeScheduledV1>;
export type ChangeRejected = DomainEvent<'ChangeRejected', ChangeRejectedV1>;
export type ChangeApprovalsCanceled = DomainEvent<'ChangeApprovalsCanceled', ChangeApprovalsCanceledV1>;
export type ChangeApprovalsLapsed = DomainEvent<'ChangeApprovalsLapsed', ChangeApprovalsLapsedV1>;
export type ChangeImplementationStarted = DomainEvent<'ChangeImplementationStarted', ChangeImplementationStartedV1>;
export type ChangeCompleted = DomainEvent<'ChangeCompleted', ChangeCompletedV1>;
export type ChangePostImplementationReviewRecorded = DomainEvent<
  'ChangePostImplementationReviewRecorded',
  ChangePostImplementationReviewRecordedV1
>;
export type ChangeClosed = DomainEvent<'ChangeClosed', ChangeClosedV1>;
export type ChangeCanceled = DomainEvent<'ChangeCanceled', ChangeCanceledV1>;
export type ChangeCausedIncidentRecorded = DomainEvent<'ChangeCausedIncidentRecorded', ChangeCausedIncidentRecordedV1>;
export type ChangeCausedIncidentRemoved = DomainEvent<'ChangeCausedIncidentRemoved', ChangeCausedIncidentRemovedV1>;

export type ChangeEvent =
  | ChangeRaised
  | ChangeUpdated
  | ChangeTypeChanged
  | ChangeSubmitted
  | ChangeRiskAssessed
  | ChangeApprovalRequested
  | ChangeApprovalRecorded
  | ChangeApprovalStageApproved
  | ChangeAuthorized
  | ChangeScheduled
  | ChangeRejected
  | ChangeApprovalsCanceled
  | ChangeApprovalsLapsed
  | ChangeImplementationStarted
  | ChangeCompleted
  | ChangePostImplementationReviewRecorded
  | ChangeClosed
  | ChangeCanceled
  | ChangeCausedIncidentRecorded
  | ChangeCausedIncidentRemoved;

export type ChangeEventType = ChangeEvent['type'];

/** Every event type the change decider writes, for subscriptions and projections (`eventTypes`). */
export const CHANGE_EVENT_TYPES: readonly ChangeEventType[] = [
  'ChangeRaised',
  'ChangeUpdated',
  'ChangeTypeChanged',
  'ChangeSubmitted',
  'ChangeRiskAssessed',
  'ChangeApprovalRequested',
  'ChangeApprovalRecorded',
  'ChangeApprovalStageApproved',
  'ChangeAuthorized',
  'ChangeScheduled',
  'ChangeRejected',
  'ChangeApprovalsCanceled',
  'ChangeApprovalsLapsed',
  'ChangeImplementationStarted',
  'ChangeCompleted',
  'ChangePostImplementationReviewRecorded',
  'ChangeClosed',
  'ChangeCanceled',
  'ChangeCausedIncidentRecorded',
  'ChangeCausedIncidentRemoved',
];
