import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_OUTCOMES, CHANGE_STATES, CHANGE_TYPES, RISK_LEVELS, type ChangeOutcome, type ChangeStateName, type ChangeType, type RiskLevel } from '@itsm/contracts';
import { ImplementerResponse } from '../change.response';

/** A change as lists show it (GET /changes): the change list read model's row. */
export class ChangeListItemResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'CHG0000001' })
  number!: string;

  @ApiProperty({ enum: CHANGE_TYPES })
  type!: ChangeType;

  @ApiProperty({ enum: CHANGE_STATES })
  state!: ChangeStateName;

  @ApiProperty()
  shortDescription!: string;

  @ApiProperty({ enum: RISK_LEVELS, nullable: true })
  riskLevel!: RiskLevel | null;

  @ApiProperty()
  riskAssessmentDue!: boolean;

  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'lapsed', 'canceled'], nullable: true, description: 'The latest approval round' })
  approvalStatus!: 'pending' | 'approved' | 'rejected' | 'lapsed' | 'canceled' | null;

  @ApiProperty({ type: [String] })
  serviceIds!: string[];

  @ApiProperty({ format: 'date-time' })
  plannedStart!: string;

  @ApiProperty({ format: 'date-time' })
  plannedEnd!: string;

  @ApiProperty({ type: ImplementerResponse })
  implementer!: ImplementerResponse;

  @ApiProperty()
  requesterId!: string;

  @ApiProperty({ enum: CHANGE_OUTCOMES, nullable: true })
  outcome!: ChangeOutcome | null;

  @ApiProperty({ type: [String], description: 'Numbers of the incidents caused by the change', example: ['INC0000042'] })
  causedIncidents!: string[];

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ description: 'The stream revision the row reflects' })
  revision!: number;
}

export class ChangePageResponse {
  @ApiProperty({ type: [ChangeListItemResponse] })
  items!: ChangeListItemResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
