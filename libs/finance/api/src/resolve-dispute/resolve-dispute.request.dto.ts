import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { DISPUTE_OUTCOMES } from '@itsm/contracts';

export class ResolveDisputeRequest {
  @ApiProperty({ enum: DISPUTE_OUTCOMES })
  @IsIn(DISPUTE_OUTCOMES, { message: `$property must be one of ${DISPUTE_OUTCOMES.join(', ')}` })
  outcome!: (typeof DISPUTE_OUTCOMES)[number];

  @ApiProperty({ example: 'Credit added as an adjustment in 2026-04', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  resolution!: string;
}
