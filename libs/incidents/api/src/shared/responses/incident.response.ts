import { ApiProperty } from '@nestjs/swagger';
import {
  HOLD_REASONS,
  INCIDENT_STATES,
  PRIORITIES,
  RESOLUTION_CODES,
  type HoldReason,
  type Impact,
  type IncidentStateName,
  type MajorIncidentStatus,
  type Priority,
  type ResolutionCode,
  type Urgency,
} from '@itsm/contracts';
import type { OpenedIncident } from '@itsm/incidents-domain';

export class IncidentResolutionResponse {
  @ApiProperty({ enum: RESOLUTION_CODES }) code!: ResolutionCode;
  @ApiProperty() notes!: string;
  @ApiProperty({ format: 'date-time' }) resolvedAt!: string;
}

export class IncidentChangeLinkResponse {
  @ApiProperty({ format: 'uuid' }) changeId!: string;
  @ApiProperty() changeNumber!: string;
  @ApiProperty({ enum: ['caused-by', 'resolved-by', 'related'] })
  relation!: string;
}

export class IncidentWorkLogResponse {
  @ApiProperty() entries!: number;
  @ApiProperty() minutesSpent!: number;
}

/** An incident as its stream says (now, or `asOf` a past instant). */
export class IncidentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'INC0000001' }) number!: string;
  @ApiProperty({ enum: INCIDENT_STATES }) state!: IncidentStateName;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ enum: [1, 2, 3] }) impact!: Impact;
  @ApiProperty({ enum: [1, 2, 3] }) urgency!: Urgency;
  @ApiProperty() callerId!: string;
  @ApiProperty() shortDescription!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty({ type: String, nullable: true }) offeringId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignmentGroup!:
    | string
    | null;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ enum: HOLD_REASONS, nullable: true })
  holdReason!: HoldReason | null;
  @ApiProperty({ type: IncidentResolutionResponse, nullable: true })
  resolution!: IncidentResolutionResponse | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty({ enum: ['none', 'proposed', 'accepted', 'rejected'] })
  majorStatus!: MajorIncidentStatus;
  @ApiProperty({ type: String, nullable: true }) parentIncidentId!:
    | string
    | null;
  @ApiProperty({ type: [String] }) childIncidentIds!: string[];
  @ApiProperty({ type: [IncidentChangeLinkResponse] })
  changeLinks!: IncidentChangeLinkResponse[];
  @ApiProperty({ type: IncidentWorkLogResponse })
  workLog!: IncidentWorkLogResponse;
  @ApiProperty() reopenCount!: number;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ description: 'Stream revision, also sent as ETag' })
  revision!: number;
}

/** The wire shape of a folded incident (DESIGN §7: states as wire names, details of the state beside it). */
export const incidentResponseOf = (
  incident: OpenedIncident,
  revision: number,
): IncidentResponse => {
  const { lifecycle } = incident;
  return {
    id: incident.incidentId,
    number: incident.number,
    state: lifecycle.state,
    priority: incident.priority,
    impact: incident.impact,
    urgency: incident.urgency,
    callerId: incident.callerId,
    shortDescription: incident.shortDescription,
    description: incident.description,
    serviceId: incident.serviceId,
    offeringId: incident.offeringId,
    assignmentGroup: incident.assignment.group,
    assignee: incident.assignment.agent,
    holdReason: lifecycle.state === 'on-hold' ? lifecycle.reason : null,
    resolution:
      lifecycle.state === 'resolved' || lifecycle.state === 'closed'
        ? {
            code: lifecycle.code,
            notes: lifecycle.notes,
            resolvedAt: lifecycle.resolvedAt,
          }
        : null,
    cancelReason: lifecycle.state === 'cancelled' ? lifecycle.reason : null,
    escalationLevel: incident.escalationLevel,
    majorStatus: incident.major,
    parentIncidentId: incident.parentIncidentId,
    childIncidentIds: [...incident.childIncidentIds],
    changeLinks: incident.changeLinks.map((link) => ({ ...link })),
    workLog: { ...incident.workLog },
    reopenCount: incident.reopenCount,
    openedAt: incident.openedAt,
    revision,
  };
};
