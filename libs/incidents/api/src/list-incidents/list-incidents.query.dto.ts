import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  INCIDENT_STATES,
  PRIORITIES,
  type IncidentStateName,
  type Priority,
} from '@itsm/contracts';
import { WITHOUT_NUL } from '../shared/text-fields';

/** `true` / `false` in a query string; anything else stays as sent and fails IsBoolean (400). */
const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListIncidentsQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATES })
  @IsOptional()
  @IsIn(INCIDENT_STATES)
  state?: IncidentStateName;
  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  serviceId?: string;

  @ApiPropertyOptional({ example: 'service-desk' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, {
    message: '$property must not contain NUL characters',
  })
  assignmentGroup?: string;

  @ApiPropertyOptional({ example: 'alice' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, {
    message: '$property must not contain NUL characters',
  })
  assignee?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'With (true) or without (false) a breached SLA timer',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  breached?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Accepted major incidents (true) or the others (false)',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  major?: boolean;

  @ApiPropertyOptional({
    description:
      'Words in the short description, each matched as a word prefix, case-insensitive',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, {
    message: '$property must not contain NUL characters',
  })
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  cursor?: string;
}
