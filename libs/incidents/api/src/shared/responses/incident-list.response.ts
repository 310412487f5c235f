import { ApiProperty } from '@nestjs/swagger';
import {
  INCIDENT_STATES,
  PRIORITIES,
  type Impact,
  type IncidentStateName,
  type MajorIncidentStatus,
  type Priority,
  type Urgency,
} from '@itsm/contracts';

/** An incident as `GET /incidents` lists it (the read model's row). */
export class IncidentListItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'INC0000001' }) number!: string;
  @ApiProperty({ enum: INCIDENT_STATES }) state!: IncidentStateName;
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ enum: [1, 2, 3] }) impact!: Impact;
  @ApiProperty({ enum: [1, 2, 3] }) urgency!: Urgency;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty({ type: String, nullable: true }) offeringId!: string | null;
  @ApiProperty({ type: String, nullable: true }) assignmentGroup!:
    | string
    | null;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ enum: ['none', 'proposed', 'accepted', 'rejected'] })
  majorStatus!: MajorIncidentStatus;
  @ApiProperty() escalationLevel!: number;
  @ApiProperty({ description: 'An SLA timer of the incident breached' })
  breached!: boolean;
  @ApiProperty({ type: String, nullable: true }) resolutionCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) parentIncidentId!:
    | string
    | null;
  @ApiProperty() shortDescription!: string;
  @ApiProperty() callerId!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  resolvedAt!: string | null;
  @ApiProperty({
    description: 'Stream revision (the ETag of GET /incidents/:id)',
  })
  revision!: number;
}

export class IncidentPageResponse {
  @ApiProperty({ type: [IncidentListItemResponse] })
  items!: IncidentListItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page; null on the last',
  })
  nextCursor!: string | null;
}
