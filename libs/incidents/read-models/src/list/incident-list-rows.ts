import type { IncidentRecord } from './incident-record';

/** An `incident_list` row as the drivers return it (timestamps as Date from pg, as Date or text elsewhere). */
export interface IncidentListRow {
  incident_id: string;
  number: string;
  state: IncidentRecord['state'];
  priority: IncidentRecord['priority'];
  impact: number;
  urgency: number;
  service_id: string;
  offering_id: string | null;
  assignment_group: string | null;
  assignee: string | null;
  major_status: IncidentRecord['majorStatus'];
  escalation_level: number;
  breached: boolean;
  resolution_code: string | null;
  parent_incident_id: string | null;
  short_description: string;
  caller_id: string;
  opened_at: Date | string;
  updated_at: Date | string;
  resolved_at: Date | string | null;
  revision: number;
}

export const isoOf = (value: Date | string): string => new Date(value).toISOString();

export const recordOfRow = (row: IncidentListRow): IncidentRecord => ({
  incidentId: row.incident_id,
  number: row.number,
  state: row.state,
  priority: row.priority,
  impact: row.impact as IncidentRecord['impact'],
  urgency: row.urgency as IncidentRecord['urgency'],
  serviceId: row.service_id,
  offeringId: row.offering_id,
  assignmentGroup: row.assignment_group,
  assignee: row.assignee,
  majorStatus: row.major_status,
  escalationLevel: row.escalation_level,
  breached: row.breached,
  resolutionCode: row.resolution_code,
  parentIncidentId: row.parent_incident_id,
  shortDescription: row.short_description,
  callerId: row.caller_id,
  openedAt: isoOf(row.opened_at),
  updatedAt: isoOf(row.updated_at),
  resolvedAt: row.resolved_at === null ? null : isoOf(row.resolved_at),
  revision: row.revision,
  holdReason: null,
  resolutionNotes: null,
});

export const rowOfRecord = (record: IncidentRecord): IncidentListRow => ({
  incident_id: record.incidentId,
  number: record.number,
  state: record.state,
  priority: record.priority,
  impact: record.impact,
  urgency: record.urgency,
  service_id: record.serviceId,
  offering_id: record.offeringId,
  assignment_group: record.assignmentGroup,
  assignee: record.assignee,
  major_status: record.majorStatus,
  escalation_level: record.escalationLevel,
  breached: record.breached,
  resolution_code: record.resolutionCode,
  parent_incident_id: record.parentIncidentId,
  short_description: record.shortDescription,
  caller_id: record.callerId,
  opened_at: record.openedAt,
  updated_at: record.updatedAt,
  resolved_at: record.resolvedAt,
  revision: record.revision,
});

/** The columns of `incident_list` with their SQL types, for writing many rows from one JSON parameter. */
export const LIST_COLUMNS = `incident_id uuid, number text, state text, priority text, impact smallint, urgency smallint,
  service_id uuid, offering_id uuid, assignment_group text, assignee text, major_status text, escalation_level integer,
  breached boolean, resolution_code text, parent_incident_id uuid, short_description text, caller_id text,
  opened_at timestamptz, updated_at timestamptz, resolved_at timestamptz, revision integer`;

export const LIST_COLUMN_NAMES = LIST_COLUMNS.split(',').map((column) => column.trim().split(/\s+/)[0] as keyof IncidentListRow);
