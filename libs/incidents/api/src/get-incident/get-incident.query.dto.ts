import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class GetIncidentQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'The incident as it was at this instant, folded from its log',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}
