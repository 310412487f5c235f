import { ApiProperty } from '@nestjs/swagger';

export class ChangeHistoryEntryResponse {
  @ApiProperty({ description: 'Revision of the event in the change stream' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ description: 'Who (the event’s actor)' })
  actor!: string;

  @ApiProperty({ description: 'A field of the change (state, plannedStart, riskLevel…) or `approval.<stage>` for an approver’s decision' })
  field!: string;

  @ApiProperty({ type: String, nullable: true })
  oldValue!: string | null;

  @ApiProperty({ type: String, nullable: true })
  newValue!: string | null;

  @ApiProperty({ example: 'ChangeUpdated' })
  eventType!: string;
}

export class ChangeHistoryResponse {
  @ApiProperty({ type: [ChangeHistoryEntryResponse] })
  items!: ChangeHistoryEntryResponse[];
}
