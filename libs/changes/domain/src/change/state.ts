import type {
  ApprovalDecision,
  ChangeApprovalStage,
  ChangeEditableFields,
  ChangeOutcome,
  ChangeRiskInputs,
  ChangeRiskQuestionScore,
  ChangeRiskRuleFired,
  ChangeStateName,
  ChangeType,
  RiskLevel,
} from '@itsm/contracts';
import { assertNever } from '@itsm/event-sourcing';
import type { ChangeEvent } from './events';

export interface UnraisedChange {
  status: 'unraised';
}

/** The risk as last assessed. */
export interface RecordedRisk {
  level: RiskLevel;
  policyVersion: string;
  firedRules: ChangeRiskRuleFired[];
  questionScores: ChangeRiskQuestionScore[];
  ruleLevel: RiskLevel;
  questionnaireLevel: RiskLevel;
  assessedAt: string;
  /** The facts and answers it read; null for an assessment recorded before they were kept. */
  inputs: ChangeRiskInputs | null;
}

export interface RecordedDecision {
  stage: string;
  approverId: string;
  decision: ApprovalDecision;
  comment: string;
  seenHash: string;
  recordedAt: string;
}

/**
 * The latest approval round: its stages in order, the open one (`currentStage`, an index; null once none is open) and
 * the decisions given. A round ends approved, rejected, lapsed by a material edit, or canceled with the change.
 */
export interface ApprovalRound {
  round: number;
  stages: ChangeApprovalStage[];
  currentStage: number | null;
  decisions: RecordedDecision[];
  status: 'pending' | 'approved' | 'rejected' | 'lapsed' | 'canceled';
}

export interface CausedIncident {
  incidentId: string;
  incidentNumber: string;
  linkedAt: string;
}

export interface Completion {
  outcome: ChangeOutcome;
  notes: string;
  /** Closing waits for a post-implementation review (failed, backed out, or an emergency change). */
  reviewRequired: boolean;
  completedAt: string;
}

export interface PostImplementationReview {
  summary: string;
  lessons: string | null;
  followUpActions: string[];
  reviewedBy: string;
  reviewedAt: string;
}

/** The whole record, so that folding the log up to a time gives the change as it was then (`asOf`). */
export interface RaisedChange extends ChangeEditableFields {
  status: 'raised';
  changeId: string;
  number: string;
  type: ChangeType;
  templateId: string | null;
  requesterId: string;
  /** The state on the wire. */
  state: ChangeStateName;
  risk: RecordedRisk | null;
  /** A normal or emergency change not assessed yet, or materially edited since its last assessment. */
  riskAssessmentDue: boolean;
  approval: ApprovalRound | null;
  /** Whether anyone ever approved or rejected it, in any round: after that its type is fixed. */
  approvalEverRecorded: boolean;
  completion: Completion | null;
  review: PostImplementationReview | null;
  causedIncidents: CausedIncident[];
  cancelReason: string | null;
  raisedAt: string;
}

export type Change = UnraisedChange | RaisedChange;

export const initialState = (): Change => ({ status: 'unraised' });

const withRound = (change: RaisedChange, update: (round: ApprovalRound) => ApprovalRound): RaisedChange =>
  change.approval === null ? change : { ...change, approval: update(change.approval) };

export const evolve = (change: Change, event: ChangeEvent): Change => {
  if (event.type === 'ChangeRaised') {
    const raised = event.data;
    return {
      status: 'raised',
      ...raised,
      serviceIds: [...raised.serviceIds],
      implementer: { ...raised.implementer },
      risk: null,
      // A standard change is pre-approved by its template: it is never assessed.
      riskAssessmentDue: raised.type !== 'standard',
      approval: null,
      approvalEverRecorded: false,
      completion: null,
      review: null,
      causedIncidents: [],
      cancelReason: null,
    };
  }
  if (change.status === 'unraised') return change;
  switch (event.type) {
    case 'ChangeUpdated':
      return { ...change, ...event.data.changes, riskAssessmentDue: event.data.riskAssessmentDue };
    case 'ChangeTypeChanged': {
      const { to, templateId, riskAssessmentDue } = event.data;
      return { ...change, type: to, templateId, riskAssessmentDue };
    }
    case 'ChangeSubmitted':
    case 'ChangeScheduled':
    case 'ChangeImplementationStarted':
    case 'ChangeClosed':
      return { ...change, state: event.data.state };
    case 'ChangeRiskAssessed': {
      const { level, policyVersion, firedRules, questionScores, ruleLevel, questionnaireLevel, assessedAt, state, inputs } = event.data;
      const risk = { level, policyVersion, firedRules, questionScores, ruleLevel, questionnaireLevel, assessedAt, inputs: inputs ?? null };
      return { ...change, risk, riskAssessmentDue: false, state };
    }
    case 'ChangeApprovalRequested': {
      const { round, stages } = event.data;
      return { ...change, state: 'authorize', approval: { round, stages, currentStage: 0, decisions: [], status: 'pending' } };
    }
    case 'ChangeApprovalRecorded': {
      const { stage, approverId, decision, comment, seenHash, recordedAt } = event.data;
      const recorded = { stage, approverId, decision, comment, seenHash, recordedAt };
      return { ...withRound(change, (round) => ({ ...round, decisions: [...round.decisions, recorded] })), approvalEverRecorded: true };
    }
    case 'ChangeApprovalStageApproved': {
      const { nextStage } = event.data;
      return withRound(change, (round) => {
        const next = nextStage === null ? -1 : round.stages.findIndex((stage) => stage.name === nextStage);
        return { ...round, currentStage: next === -1 ? null : next };
      });
    }
    case 'ChangeAuthorized':
      return { ...withRound(change, (round) => ({ ...round, currentStage: null, status: 'approved' })), state: 'scheduled' };
    case 'ChangeRejected':
      return { ...withRound(change, (round) => ({ ...round, currentStage: null, status: 'rejected' })), state: 'new' };
    case 'ChangeApprovalsCanceled':
      // After a rejection the round stays rejected: the cancellation only tells who no longer needs to decide.
      return withRound(change, (round) => (round.status === 'pending' ? { ...round, currentStage: null, status: 'canceled' } : round));
    case 'ChangeApprovalsLapsed':
      return { ...withRound(change, (round) => ({ ...round, currentStage: null, status: 'lapsed' })), state: event.data.state };
    case 'ChangeCompleted': {
      const { outcome, notes, reviewRequired, completedAt, state } = event.data;
      return { ...change, completion: { outcome, notes, reviewRequired, completedAt }, state };
    }
    case 'ChangePostImplementationReviewRecorded': {
      const { summary, lessons, followUpActions, reviewedBy, reviewedAt } = event.data;
      return { ...change, review: { summary, lessons, followUpActions, reviewedBy, reviewedAt } };
    }
    case 'ChangeCanceled':
      return { ...change, state: 'canceled', cancelReason: event.data.reason };
    case 'ChangeCausedIncidentRecorded': {
      const { incidentId, incidentNumber, linkedAt } = event.data;
      return { ...change, causedIncidents: [...change.causedIncidents, { incidentId, incidentNumber, linkedAt }] };
    }
    case 'ChangeCausedIncidentRemoved':
      return { ...change, causedIncidents: change.causedIncidents.filter((incident) => incident.incidentId !== event.data.incidentId) };
    default:
      return assertNever(event);
  }
};
