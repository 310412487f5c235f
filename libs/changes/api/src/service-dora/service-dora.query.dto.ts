import { ApiProperty } from '@nestjs/swagger';
import { IsInstant } from '@itsm/platform-kit';

/** The longest range the DORA figures cover. */
export const DORA_MAX_DAYS = 366;

export class ServiceDoraQuery {
  @ApiProperty({ format: 'date-time', example: '2026-01-01T00:00:00Z', description: 'Start of the range, inclusive' })
  @IsInstant()
  from!: string;

  @ApiProperty({ format: 'date-time', example: '2026-04-01T00:00:00Z', description: `End of the range, exclusive: after from, at most ${DORA_MAX_DAYS} days later` })
  @IsInstant()
  to!: string;
}
