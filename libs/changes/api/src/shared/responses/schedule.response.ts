import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_STATES, CHANGE_TYPES, type ChangeStateName, type ChangeType } from '@itsm/contracts';
import { ChangeConflictResponse } from './change-conflict.response';

class ScheduledImplementerResponse {
  @ApiProperty()
  group!: string;

  @ApiProperty({ type: String, nullable: true })
  agent!: string | null;
}

/** A change on the forward schedule, with its conflicts as of now. */
export class ScheduledChangeResponse {
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

  @ApiProperty({ type: [String], format: 'uuid' })
  serviceIds!: string[];

  @ApiProperty({ format: 'date-time' })
  plannedStart!: string;

  @ApiProperty({ format: 'date-time' })
  plannedEnd!: string;

  @ApiProperty({ type: ScheduledImplementerResponse })
  implementer!: ScheduledImplementerResponse;

  @ApiProperty({ type: [ChangeConflictResponse] })
  conflicts!: ChangeConflictResponse[];
}

export class SchedulePageResponse {
  @ApiProperty({ type: [ScheduledChangeResponse] })
  items!: ScheduledChangeResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
