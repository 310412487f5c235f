import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** The event (by position or id; one of them) and the checkpoint to prove it against (default: the latest). */
export class InclusionProofQuery {
  @ApiPropertyOptional({ example: 1042, description: 'The event’s global position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  position?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The event’s id (instead of its position)' })
  @IsOptional()
  @IsUUID('all')
  eventId?: string;

  @ApiPropertyOptional({ example: 12000, description: 'Tree size of the checkpoint to prove against; default the latest' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize?: number;
}
