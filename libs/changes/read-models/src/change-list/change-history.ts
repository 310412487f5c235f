import type { ChangeApprovalRecordedV1, ChangeApprovalsLapsedV1 } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import { eventTimeOf, type ChangeRecord } from './change-record';

/** The fields whose changes the history shows, in the order they are listed within one event. */
export const HISTORY_FIELDS = [
  'state',
  'type',
  'templateId',
  'riskLevel',
  'approvalStatus',
  'shortDescription',
  'description',
  'justification',
  'serviceIds',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
  'plannedStart',
  'plannedEnd',
  'implementerGroup',
  'implementerAgent',
  'outcome',
  'reviewSummary',
  'causedIncidents',
  'cancelReason',
] as const satisfies readonly (keyof ChangeRecord)[];
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** One line of the history: who changed what, when, from which value to which (values as text, null = unset). */
export interface ChangeFieldChange {
  changeId: string;
  /** The event's revision in the change stream. */
  revision: number;
  /** Order of the line within the event. */
  ordinal: number;
  at: string;
  actor: string;
  /** A field of HISTORY_FIELDS, `approval.<stage>` for an approver's decision on a stage, or `approvals.lapsed`. */
  field: string;
  oldValue: string | null;
  newValue: string | null;
  eventType: string;
}

const text = (value: ChangeRecord[HistoryField] | undefined): string | null => {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(', ');
  return String(value);
};

/** Why approvals lapsed and which: `material-change: plannedStart, plannedEnd; lapsed: ecab approve by cab-2`. */
export const lapseDescription = ({ reason, fields, lapsedApprovals }: Pick<ChangeApprovalsLapsedV1, 'reason' | 'fields' | 'lapsedApprovals'>): string => {
  const lapsed = lapsedApprovals.map(({ stage, decision, approverId }) => `${stage} ${decision} by ${approverId}`).join(', ');
  return `${reason}: ${fields.join(', ')}; lapsed: ${lapsed === '' ? 'none given yet' : lapsed}`;
};

/**
 * What one event changed, field by field (the record before it against the record after it; raising the change lists
 * every field from null), an approver's decision as `approval.<stage>`: `approve`, or `reject: <comment>`, and
 * approvals lapsing as `approvals.lapsed`: the reason, the material fields that moved and the decisions it voided
 * (`lapseDescription`), so that the history itself says why the change went back for approval.
 */
export const historyLinesOf = (before: ChangeRecord | null, after: ChangeRecord, event: RecordedEvent): ChangeFieldChange[] => {
  const line = (ordinal: number, field: string, oldValue: string | null, newValue: string | null): ChangeFieldChange => ({
    changeId: after.changeId,
    revision: event.streamRevision,
    ordinal,
    at: eventTimeOf(event),
    actor: event.actor.id,
    field,
    oldValue,
    newValue,
    eventType: event.type,
  });
  const lines = HISTORY_FIELDS.flatMap((field, ordinal) => {
    const oldValue = before === null ? null : text(before[field]);
    const newValue = text(after[field]);
    return oldValue === newValue ? [] : [line(ordinal, field, oldValue, newValue)];
  });
  if (event.type === 'ChangeApprovalRecorded') {
    const { stage, decision, comment } = event.data as ChangeApprovalRecordedV1;
    lines.push(line(HISTORY_FIELDS.length, `approval.${stage}`, null, comment ? `${decision}: ${comment}` : decision));
  }
  if (event.type === 'ChangeApprovalsLapsed') {
    lines.push(line(HISTORY_FIELDS.length, 'approvals.lapsed', null, lapseDescription(event.data as ChangeApprovalsLapsedV1)));
  }
  return lines;
};
