import { ApiProperty } from '@nestjs/swagger';

/** One field change of an incident: who, when, field, old → new. */
export class IncidentHistoryEntryResponse {
  @ApiProperty({ description: 'Revision of the event in the incident stream (as in the ETag)' })
  revision!: number;
  @ApiProperty({
    deprecated: true,
    description:
      'Deprecated: the same as `revision`. Elsewhere "position" means the global log position (X-Log-Position); use `revision`.',
  })
  position!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'Actor id' }) actor!: string;
  @ApiProperty({ example: 'state' }) field!: string;
  @ApiProperty({ type: String, nullable: true }) oldValue!: string | null;
  @ApiProperty({ type: String, nullable: true }) newValue!: string | null;
  @ApiProperty({ example: 'IncidentAssigned' }) eventType!: string;
}

export class IncidentHistoryResponse {
  @ApiProperty({ type: [IncidentHistoryEntryResponse] })
  items!: IncidentHistoryEntryResponse[];
}
