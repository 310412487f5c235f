import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** GET /api/v1/events */
export class EventStreamQuery {
  @ApiPropertyOptional({
    example: 'itsm.incidents.*,itsm.changes.ChangeScheduled.v1',
    description: 'Comma-separated CloudEvents types and prefixes ending in `*`; absent: every type your roles may read',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  types?: string;

  @ApiPropertyOptional({
    example: '1234',
    description: 'Resume after this event id (a log position), for clients that cannot send the Last-Event-ID header',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  lastEventId?: string;
}
