import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';
import { FREEZE_WINDOW_MAX_SERVICES, FREEZE_WINDOW_NAME_MAX_LENGTH, FREEZE_WINDOW_REASON_MAX_LENGTH } from '@itsm/changes-domain';
import { IsInstant, IsName, IsText } from '@itsm/platform-kit';

/** DESIGN §7 `freeze { name, from, to, serviceIds?, reason }`. */
export class DeclareFreezeWindowRequest {
  @ApiProperty({ example: 'Year-end freeze', maxLength: FREEZE_WINDOW_NAME_MAX_LENGTH })
  @IsName(FREEZE_WINDOW_NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-20T00:00:00Z', description: 'Start, inclusive' })
  @IsInstant()
  from!: string;

  @ApiProperty({ format: 'date-time', example: '2027-01-04T00:00:00Z', description: 'End, exclusive: after from, and not yet passed' })
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: FREEZE_WINDOW_MAX_SERVICES,
    description: 'The services frozen (known to the catalog); leave it out to freeze every service',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FREEZE_WINDOW_MAX_SERVICES)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  serviceIds?: string[];

  @ApiProperty({ example: 'Financial closing', maxLength: FREEZE_WINDOW_REASON_MAX_LENGTH })
  @IsText(FREEZE_WINDOW_REASON_MAX_LENGTH)
  reason!: string;
}
