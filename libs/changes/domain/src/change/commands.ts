import type {
  ApprovalDecision,
  ChangeApprovalStage,
  ChangeBlockingConflict,
  ChangeOutcome,
  ChangeRiskInputs,
  ChangeRiskQuestionScore,
  ChangeRiskRuleFired,
  ChangeType,
  RiskAssessmentTrigger,
  RiskLevel,
} from '@itsm/contracts';
import type { CommandMetadata } from '@itsm/event-sourcing';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/** Who implements the change; `agent` may be left out when only the group is known. */
export interface ImplementerInput {
  group: string;
  agent?: string | null;
}

/** The fields of a change as a caller gives them (times as ISO-8601 strings with an offset). */
export interface ChangeFieldsInput {
  shortDescription: string;
  description: string;
  justification: string;
  serviceIds: string[];
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
  plannedStart: string;
  plannedEnd: string;
  implementer: ImplementerInput;
}

/**
 * `changeId` (a uuid) and `number` (`CHG0000001`, from a sequence) are chosen by the application before the command
 * is decided. The requester is the actor who raises it. `templateId` is required for a standard change and refused for
 * the others.
 */
export type RaiseChange = Command<
  'RaiseChange',
  ChangeFieldsInput & { changeId: string; number: string; type: ChangeType; templateId?: string | null; template?: KnownChangeTemplate | null }
>;

/**
 * What the catalog (its copy in the changes context) says of a standard change's template, looked up by the
 * application: null when it never published it. Left out, the template is not checked against the catalog.
 */
export interface KnownChangeTemplate {
  /** The service the template belongs to: the change must touch it. */
  serviceId: string;
  /** Only a pre-approved template makes a standard change. */
  preApproved: boolean;
}

/** Only the fields that change; allowed until implementation starts. */
export type UpdateChange = Command<'UpdateChange', Partial<ChangeFieldsInput>>;

/**
 * Switches the type while the change is new and nobody ever decided on it; a standard change names its template,
 * checked like a raise's against what the catalog knows of it (`template`, looked up by the application; left out:
 * not checked).
 */
export type SwitchChangeType = Command<'SwitchChangeType', { type: ChangeType; templateId?: string | null; template?: KnownChangeTemplate | null }>;

/**
 * Leaves `new`. An emergency change names its ECAB stage(s), chosen by the application's approval policy. A standard
 * change goes straight onto the schedule, so the application passes the conflicts that block it there
 * (`blockingConflicts`, from the live conflict detection; left out: not checked): any at all refuses the submission.
 */
export type SubmitChange = Command<'SubmitChange', { approvalStages?: ChangeApprovalStage[]; blockingConflicts?: ChangeBlockingConflict[] }>;

/**
 * The risk the application's risk policy computed (the decider records it, it does not compute it). A normal change
 * in `assess` moves on to `authorize` with the approval stages the application's approval policy chose for its
 * type and risk.
 */
export type AssessChangeRisk = Command<
  'AssessChangeRisk',
  {
    level: RiskLevel;
    policyVersion: string;
    firedRules: ChangeRiskRuleFired[];
    questionScores: ChangeRiskQuestionScore[];
    ruleLevel: RiskLevel;
    questionnaireLevel: RiskLevel;
    approvalStages?: ChangeApprovalStage[];
    inputs?: ChangeRiskInputs;
    trigger?: RiskAssessmentTrigger;
    changedInputs?: string[];
  }
>;

/**
 * The actor's decision on the open stage (`stage` may name it, to refuse a decision meant for another one).
 * `seenHash` is `materialContentHash` of the change as the approver saw it: a decision on content that has changed
 * since is refused. `blockingConflicts`: what blocks the change's window on the schedule (the live conflict detection,
 * as for a start; left out: not checked); an approval that would schedule the change (its last stage approved) is
 * refused while there are any.
 */
export type RecordApprovalDecision = Command<
  'RecordApprovalDecision',
  { decision: ApprovalDecision; comment: string; seenHash: string; stage?: string; blockingConflicts?: ChangeBlockingConflict[] }
>;

/** `blockingConflicts` come from the live conflict detection; any at all refuses the start. */
export type StartChange = Command<'StartChange', { blockingConflicts: ChangeBlockingConflict[] }>;

export type CompleteChange = Command<'CompleteChange', { outcome: ChangeOutcome; notes: string }>;

export type RecordPostImplementationReview = Command<
  'RecordPostImplementationReview',
  { summary: string; lessons?: string | null; followUpActions?: string[] }
>;

export type CloseChange = Command<'CloseChange', Record<string, never>>;

export type CancelChange = Command<'CancelChange', { reason: string }>;

/** Fed by the incidents context's links (`caused-by`) through a process; recording the same incident again changes nothing. */
export type RecordCausedIncident = Command<'RecordCausedIncident', { incidentId: string; incidentNumber: string; linkedAt: string }>;

/** The incident's link was removed; removing one that is not recorded changes nothing. */
export type RemoveCausedIncident = Command<'RemoveCausedIncident', { incidentId: string }>;

export type ChangeCommand =
  | RaiseChange
  | UpdateChange
  | SwitchChangeType
  | SubmitChange
  | AssessChangeRisk
  | RecordApprovalDecision
  | StartChange
  | CompleteChange
  | RecordPostImplementationReview
  | CloseChange
  | CancelChange
  | RecordCausedIncident
  | RemoveCausedIncident;

export type ChangeCommandType = ChangeCommand['type'];
