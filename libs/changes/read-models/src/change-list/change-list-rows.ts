import type { ChangeRecord } from './change-record';

/** A `change_list` row as the drivers return it (timestamps as Date from pg, as Date or text elsewhere). */
export interface ChangeListRow {
  change_id: string;
  number: string;
  type: ChangeRecord['type'];
  state: ChangeRecord['state'];
  template_id: string | null;
  risk_level: ChangeRecord['riskLevel'];
  risk_assessment_due: boolean;
  approval_status: ChangeRecord['approvalStatus'];
  short_description: string;
  description: string;
  justification: string;
  service_ids: string[];
  implementation_plan: string;
  backout_plan: string;
  test_plan: string;
  planned_start: Date | string;
  planned_end: Date | string;
  implementer_group: string;
  implementer_agent: string | null;
  requester_id: string;
  outcome: ChangeRecord['outcome'];
  completed_at: Date | string | null;
  review_summary: string | null;
  caused_incidents: string[];
  cancel_reason: string | null;
  raised_at: Date | string;
  updated_at: Date | string;
  revision: number;
}

export const isoOf = (value: Date | string): string => new Date(value).toISOString();

export const recordOfRow = (row: ChangeListRow): ChangeRecord => ({
  changeId: row.change_id,
  number: row.number,
  type: row.type,
  state: row.state,
  templateId: row.template_id,
  riskLevel: row.risk_level,
  riskAssessmentDue: row.risk_assessment_due,
  approvalStatus: row.approval_status,
  shortDescription: row.short_description,
  description: row.description,
  justification: row.justification,
  serviceIds: row.service_ids,
  implementationPlan: row.implementation_plan,
  backoutPlan: row.backout_plan,
  testPlan: row.test_plan,
  plannedStart: isoOf(row.planned_start),
  plannedEnd: isoOf(row.planned_end),
  implementerGroup: row.implementer_group,
  implementerAgent: row.implementer_agent,
  requesterId: row.requester_id,
  outcome: row.outcome,
  completedAt: row.completed_at === null ? null : isoOf(row.completed_at),
  reviewSummary: row.review_summary,
  causedIncidents: row.caused_incidents,
  cancelReason: row.cancel_reason,
  raisedAt: isoOf(row.raised_at),
  updatedAt: isoOf(row.updated_at),
  revision: row.revision,
});

export const rowOfRecord = (record: ChangeRecord): ChangeListRow => ({
  change_id: record.changeId,
  number: record.number,
  type: record.type,
  state: record.state,
  template_id: record.templateId,
  risk_level: record.riskLevel,
  risk_assessment_due: record.riskAssessmentDue,
  approval_status: record.approvalStatus,
  short_description: record.shortDescription,
  description: record.description,
  justification: record.justification,
  service_ids: record.serviceIds,
  implementation_plan: record.implementationPlan,
  backout_plan: record.backoutPlan,
  test_plan: record.testPlan,
  planned_start: record.plannedStart,
  planned_end: record.plannedEnd,
  implementer_group: record.implementerGroup,
  implementer_agent: record.implementerAgent,
  requester_id: record.requesterId,
  outcome: record.outcome,
  completed_at: record.completedAt,
  review_summary: record.reviewSummary,
  caused_incidents: record.causedIncidents,
  cancel_reason: record.cancelReason,
  raised_at: record.raisedAt,
  updated_at: record.updatedAt,
  revision: record.revision,
});

/** The columns of `change_list` with their SQL types, for writing many rows from one JSON parameter. */
export const LIST_COLUMNS = `change_id uuid, number text, type text, state text, template_id text, risk_level text,
  risk_assessment_due boolean, approval_status text, short_description text, description text, justification text,
  service_ids text[], implementation_plan text, backout_plan text, test_plan text, planned_start timestamptz,
  planned_end timestamptz, implementer_group text, implementer_agent text, requester_id text, outcome text,
  completed_at timestamptz, review_summary text, caused_incidents text[], cancel_reason text, raised_at timestamptz,
  updated_at timestamptz, revision integer`;

export const LIST_COLUMN_NAMES = LIST_COLUMNS.split(',').map((column) => column.trim().split(/\s+/)[0] as keyof ChangeListRow);
