/* The words of the change contract: wire names as the API and the events spell them (DESIGN §6, §7). */

import type { ServiceCriticality } from '../catalog/service-events';

/** Standard changes come from a catalog template and are pre-approved; normal ones go through CAB; emergency ones through ECAB. */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Lifecycle states on the wire. */
export const CHANGE_STATES = ['new', 'assess', 'authorize', 'scheduled', 'implement', 'review', 'closed', 'canceled'] as const;
export type ChangeStateName = (typeof CHANGE_STATES)[number];

/** Risk levels, lowest first: the higher of the rule level and the questionnaire level wins. */
export const RISK_LEVELS = ['low', 'moderate', 'high', 'very-high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** How many approvals close an approval stage (see `ChangeApprovalStage`). */
export const QUORUM_RULES = ['any', 'n-of-m', 'majority', 'unanimous'] as const;
export type QuorumRuleName = (typeof QUORUM_RULES)[number];

export const APPROVAL_DECISIONS = ['approve', 'reject'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** The roles an approver acts in; an approval stage without a named list is open to anyone holding one of them. */
export const APPROVER_ROLES = ['cab-member', 'change-manager'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** How the implementation went (`POST /changes/:id/complete`). */
export const CHANGE_OUTCOMES = ['successful', 'successful-with-issues', 'failed', 'backed-out'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

/** Kinds of schedule conflict the conflict detection reports (`GET /changes/:id/conflicts`). */
export const CHANGE_CONFLICT_KINDS = [
  'service-overlap',
  'dependent-service-overlap',
  'freeze-window',
  'outside-maintenance-window',
  'major-incident',
  'implementer-double-booked',
] as const;
export type ChangeConflictKind = (typeof CHANGE_CONFLICT_KINDS)[number];

/**
 * The fields whose edit is material: what approvers approved. Editing one while approvals are given or pending
 * lapses them, and the change is assessed and approved again.
 */
export const MATERIAL_CHANGE_FIELDS = ['plannedStart', 'plannedEnd', 'serviceIds', 'implementationPlan', 'backoutPlan', 'testPlan'] as const;
export type MaterialChangeField = (typeof MATERIAL_CHANGE_FIELDS)[number];

/** Who implements the change: a group, and optionally one agent of it (null when only the group is named). */
export interface ChangeImplementer {
  group: string;
  agent: string | null;
}

/** A quorum rule; `n` only for `n-of-m`. */
export type ChangeQuorum =
  | { rule: 'any' }
  | { rule: 'n-of-m'; n: number }
  | { rule: 'majority' }
  | { rule: 'unanimous' };

/**
 * One stage of a change's approval (technical, CAB, ECAB…), decided in order. `approvers` are the ids of the eligible
 * approvers (m); empty means anyone acting as cab-member or change-manager (m unknown: majority and unanimous need a
 * list). With `veto`, one rejection rejects the stage at once.
 */
export interface ChangeApprovalStage {
  name: string;
  quorum: ChangeQuorum;
  approvers: string[];
  veto: boolean;
}

/** A decision an approver gave on a stage. */
export interface ChangeApprovalGiven {
  stage: string;
  approverId: string;
  decision: ApprovalDecision;
}

/** A stage still waiting for decisions: the named approvers who have not decided (empty for a stage open to the role). */
export interface ChangePendingApproval {
  stage: string;
  awaiting: string[];
}

/** A rule of the risk policy that fired, with the level it asks for and why. */
export interface ChangeRiskRuleFired {
  rule: string;
  level: RiskLevel;
  reason: string;
}

/** One answer of the risk questionnaire and its weighted score. */
export interface ChangeRiskQuestionScore {
  question: string;
  answer: string;
  score: number;
}

/** A conflict that blocks a start, as the conflict detection reported it. */
export interface ChangeBlockingConflict {
  kind: ChangeConflictKind;
  detail: string;
}

/**
 * What a change's risk assessment read (the one definition: the domain's risk policy evaluates it, the assessment
 * event records it, so that a re-assessment can say which input moved and a back-test can replay it).
 */
export interface ChangeRiskFacts {
  readonly changeType: ChangeType;
  /** One per service the change touches (the catalog's criticality; `medium` for a service the catalog never published). */
  readonly serviceCriticalities: readonly ServiceCriticality[];
  /** Services that depend, directly or transitively, on the change's services. */
  readonly dependentServiceCount: number;
  /** 0 when no outage is expected. */
  readonly expectedOutageMinutes: number;
  /** The planned window is not wholly inside the maintenance windows of a service that has some. */
  readonly outsideMaintenanceWindow: boolean;
  /** The implementer group's completed changes over the policy's look-back: failed (failed + backed out) of total. */
  readonly implementerRecentFailureRate: { readonly failed: number; readonly total: number };
}

/** The questionnaire's answers: the answer id chosen for each question id. */
export type ChangeRiskAnswers = Readonly<Record<string, string>>;

/** Both inputs of an assessment. */
export interface ChangeRiskInputs {
  facts: ChangeRiskFacts;
  answers: ChangeRiskAnswers;
}

/** Why a risk was assessed: asked for (`POST /changes/:id/assess`), or again right after a material edit. */
export const RISK_ASSESSMENT_TRIGGERS = ['requested', 'material-edit'] as const;
export type RiskAssessmentTrigger = (typeof RISK_ASSESSMENT_TRIGGERS)[number];
