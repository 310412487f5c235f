import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from '@itsm/platform-kit';

/** GET /api/v1/audit/records/:reference. */
export class RecordTimelineQuery {
  @ApiPropertyOptional({ example: '2026-11-02T00:00:00Z', description: 'The record as it was at this recording time (RFC 3339): its events recorded up to then' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}
