import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant, PageQuery } from '@itsm/platform-kit';

/** The longest range a freeze-window read covers when both ends are given. */
export const FREEZE_LIST_MAX_DAYS = 3660;

export class ListFreezeWindowsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Only windows still running at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only windows starting before this instant (after from)' })
  @IsOptional()
  @IsInstant()
  to?: string;
}
