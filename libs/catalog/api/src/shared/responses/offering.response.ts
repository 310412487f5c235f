import { ApiProperty } from '@nestjs/swagger';
import type { SlaTargets } from '@itsm/contracts';

export class SlaTargetResponse {
  @ApiProperty({ example: 30 }) responseMinutes!: number;
  @ApiProperty({ example: 240 }) resolutionMinutes!: number;
}

export class SlaTargetsResponse implements SlaTargets {
  @ApiProperty() P1!: SlaTargetResponse;
  @ApiProperty() P2!: SlaTargetResponse;
  @ApiProperty() P3!: SlaTargetResponse;
  @ApiProperty() P4!: SlaTargetResponse;
  @ApiProperty() P5!: SlaTargetResponse;
}

export class OfferingResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', deprecated: true, description: 'Deprecated: the same as `id`' }) offeringId!: string;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty({ example: 'Gold' }) name!: string;
  @ApiProperty({ format: 'uuid' }) calendarId!: string;
  @ApiProperty() default!: boolean;
  @ApiProperty({ type: SlaTargetsResponse, description: 'Minutes of the calendar’s support hours, per priority' }) slaTargets!: SlaTargets;
}

export class OfferingListResponse {
  @ApiProperty({ type: [OfferingResponse] }) items!: OfferingResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: every offering of the service is listed' }) nextCursor!: string | null;
}
