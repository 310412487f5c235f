import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '@itsm/platform-kit';

export class GetIncidentQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The incident as it was at this instant, folded from its log',
  })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
