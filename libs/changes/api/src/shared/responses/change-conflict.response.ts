import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_CONFLICT_KINDS, type ChangeConflictKind } from '@itsm/contracts';

/** One conflict of a change's window (DESIGN §7 `conflicts`). */
export class ChangeConflictResponse {
  @ApiProperty({ enum: CHANGE_CONFLICT_KINDS })
  kind!: ChangeConflictKind;

  @ApiProperty({ example: 'CHG0000012 (scheduled) also works on Payroll (SVC0000003), 2026-03-10 10:00–12:00 UTC' })
  detail!: string;

  @ApiProperty({ format: 'uuid', description: 'The service of this change the conflict is about' })
  serviceId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The related service through which it concerns serviceId (dependency graph)' })
  viaServiceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The other change' })
  changeId?: string;

  @ApiPropertyOptional({ example: 'CHG0000012' })
  changeNumber?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  freezeWindowId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  incidentId?: string;

  @ApiPropertyOptional({ example: 'INC0000042' })
  incidentNumber?: string;
}

export class ChangeConflictsResponse {
  @ApiProperty({ type: [ChangeConflictResponse] })
  items!: ChangeConflictResponse[];
}
