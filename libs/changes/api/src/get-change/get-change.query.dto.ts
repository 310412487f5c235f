import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '@itsm/platform-kit';

export class GetChangeQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The change as it was at this instant, folded from its log (404 before it was raised)' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
