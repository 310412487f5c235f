import type {
  ChangeEvent,
  ChangeEventType,
  ChangeOutcome,
  ChangeStateName,
  ChangeType,
  RiskLevel,
} from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';

/** How the latest approval round stands (null before any was asked for). */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'lapsed' | 'canceled';

/** One change as the list and the history see it: the columns of `change_list`, in camelCase. */
export interface ChangeRecord {
  changeId: string;
  number: string;
  type: ChangeType;
  state: ChangeStateName;
  templateId: string | null;
  riskLevel: RiskLevel | null;
  riskAssessmentDue: boolean;
  approvalStatus: ApprovalStatus | null;
  shortDescription: string;
  description: string;
  justification: string;
  serviceIds: string[];
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
  plannedStart: string;
  plannedEnd: string;
  implementerGroup: string;
  implementerAgent: string | null;
  requesterId: string;
  outcome: ChangeOutcome | null;
  completedAt: string | null;
  reviewSummary: string | null;
  /** Numbers of the incidents recorded as caused by the change, in the order they were recorded. */
  causedIncidents: string[];
  cancelReason: string | null;
  raisedAt: string;
  updatedAt: string;
  revision: number;
}

/** The field of each event's data that says when it happened (domain time, from the command's metadata). */
const TIME_FIELDS: Record<ChangeEventType, string> = {
  ChangeRaised: 'raisedAt',
  ChangeUpdated: 'updatedAt',
  ChangeTypeChanged: 'changedAt',
  ChangeSubmitted: 'submittedAt',
  ChangeRiskAssessed: 'assessedAt',
  ChangeApprovalRequested: 'requestedAt',
  ChangeApprovalRecorded: 'recordedAt',
  ChangeApprovalStageApproved: 'approvedAt',
  ChangeAuthorized: 'authorizedAt',
  ChangeScheduled: 'scheduledAt',
  ChangeRejected: 'rejectedAt',
  ChangeApprovalsCanceled: 'canceledAt',
  ChangeApprovalsLapsed: 'lapsedAt',
  ChangeImplementationStarted: 'startedAt',
  ChangeCompleted: 'completedAt',
  ChangePostImplementationReviewRecorded: 'reviewedAt',
  ChangeClosed: 'closedAt',
  ChangeCanceled: 'canceledAt',
  ChangeCausedIncidentRecorded: 'recordedAt',
  ChangeCausedIncidentRemoved: 'removedAt',
};

/** When the event happened in the domain; the log's occurredAt for a type this reader does not know. */
export const eventTimeOf = (event: RecordedEvent): string => {
  const field = TIME_FIELDS[event.type as ChangeEventType] as string | undefined;
  const value = field === undefined ? undefined : (event.data as Record<string, unknown>)[field];
  return new Date(typeof value === 'string' ? value : event.occurredAt).toISOString();
};

const iso = (value: string): string => new Date(value).toISOString();

const raised = (event: RecordedEvent, data: Extract<ChangeEvent, { type: 'ChangeRaised' }>['data']): ChangeRecord => ({
  changeId: data.changeId,
  number: data.number,
  type: data.type,
  state: data.state,
  templateId: data.templateId,
  riskLevel: null,
  riskAssessmentDue: data.type !== 'standard',
  approvalStatus: null,
  shortDescription: data.shortDescription,
  description: data.description,
  justification: data.justification,
  serviceIds: [...data.serviceIds],
  implementationPlan: data.implementationPlan,
  backoutPlan: data.backoutPlan,
  testPlan: data.testPlan,
  plannedStart: iso(data.plannedStart),
  plannedEnd: iso(data.plannedEnd),
  implementerGroup: data.implementer.group,
  implementerAgent: data.implementer.agent ?? null,
  requesterId: data.requesterId,
  outcome: null,
  completedAt: null,
  reviewSummary: null,
  causedIncidents: [],
  cancelReason: null,
  raisedAt: iso(data.raisedAt),
  updatedAt: iso(data.raisedAt),
  revision: event.streamRevision,
});

/** The fields an event changes (the state after it, as the event states it: facts carry the new state). */
const changesOf = (record: ChangeRecord, event: ChangeEvent): Partial<ChangeRecord> => {
  switch (event.type) {
    case 'ChangeUpdated': {
      const { changes, riskAssessmentDue } = event.data;
      const { implementer, plannedStart, plannedEnd, serviceIds, ...texts } = changes;
      return {
        ...texts,
        ...(serviceIds === undefined ? {} : { serviceIds: [...serviceIds] }),
        ...(plannedStart === undefined ? {} : { plannedStart: iso(plannedStart) }),
        ...(plannedEnd === undefined ? {} : { plannedEnd: iso(plannedEnd) }),
        ...(implementer === undefined ? {} : { implementerGroup: implementer.group, implementerAgent: implementer.agent ?? null }),
        riskAssessmentDue,
      };
    }
    case 'ChangeTypeChanged':
      return { type: event.data.to, templateId: event.data.templateId, riskAssessmentDue: event.data.riskAssessmentDue };
    case 'ChangeSubmitted':
    case 'ChangeScheduled':
    case 'ChangeImplementationStarted':
    case 'ChangeClosed':
      return { state: event.data.state };
    case 'ChangeRiskAssessed':
      return { riskLevel: event.data.level, riskAssessmentDue: false, state: event.data.state };
    case 'ChangeApprovalRequested':
      return { state: event.data.state, approvalStatus: 'pending' };
    case 'ChangeAuthorized':
      return { state: event.data.state, approvalStatus: 'approved' };
    case 'ChangeRejected':
      return { state: event.data.state, approvalStatus: 'rejected' };
    case 'ChangeApprovalsCanceled':
      // After a rejection the round stays rejected: the cancellation only tells who no longer needs to decide.
      return record.approvalStatus === 'pending' ? { approvalStatus: 'canceled' } : {};
    case 'ChangeApprovalsLapsed':
      return { state: event.data.state, approvalStatus: 'lapsed' };
    case 'ChangeCompleted':
      return { state: event.data.state, outcome: event.data.outcome, completedAt: iso(event.data.completedAt) };
    case 'ChangePostImplementationReviewRecorded':
      return { reviewSummary: event.data.summary };
    case 'ChangeCanceled':
      return { state: event.data.state, cancelReason: event.data.reason };
    case 'ChangeCausedIncidentRecorded':
      return record.causedIncidents.includes(event.data.incidentNumber) ? {} : { causedIncidents: [...record.causedIncidents, event.data.incidentNumber] };
    case 'ChangeCausedIncidentRemoved':
      return { causedIncidents: record.causedIncidents.filter((number) => number !== event.data.incidentNumber) };
    default:
      // Decisions and stage approvals: no listed field changes (the history lists decisions on their own lines).
      return {};
  }
};

/** The change's record after one event of its stream (null before ChangeRaised). Every event moves the revision. */
export const evolveChangeRecord = (record: ChangeRecord | null, event: RecordedEvent): ChangeRecord | null => {
  const change = event as RecordedEvent & ChangeEvent;
  if (change.type === 'ChangeRaised') return raised(event, change.data);
  if (record === null) return null;
  return { ...record, ...changesOf(record, change), updatedAt: eventTimeOf(event), revision: event.streamRevision };
};
