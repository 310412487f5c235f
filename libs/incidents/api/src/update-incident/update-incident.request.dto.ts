import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IMPACT_LEVELS, type Impact, type Urgency } from '@itsm/contracts';

/** What PATCH changes: impact and urgency (the priority follows from the matrix; the SLA re-targets). */
export class UpdateIncidentRequest {
  @ApiPropertyOptional({ enum: IMPACT_LEVELS })
  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  impact?: Impact;
  @ApiPropertyOptional({ enum: IMPACT_LEVELS })
  @IsOptional()
  @IsIn(IMPACT_LEVELS)
  urgency?: Urgency;
}
