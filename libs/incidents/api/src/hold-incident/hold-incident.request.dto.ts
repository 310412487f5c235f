import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { HOLD_REASONS, type HoldReason } from '@itsm/contracts';

export class HoldIncidentRequest {
  @ApiProperty({ enum: HOLD_REASONS }) @IsIn(HOLD_REASONS) reason!: HoldReason;
}
