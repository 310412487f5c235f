import { ApiProperty } from '@nestjs/swagger';
import { IsInstant, PageQuery } from '@itsm/platform-kit';

/** The longest range a schedule read covers. */
export const SCHEDULE_MAX_DAYS = 366;

export class ChangeScheduleQuery extends PageQuery {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T00:00:00Z', description: 'Start of the range, inclusive' })
  @IsInstant()
  from!: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-01T00:00:00Z', description: `End of the range, exclusive: after from, at most ${SCHEDULE_MAX_DAYS} days later` })
  @IsInstant()
  to!: string;
}
