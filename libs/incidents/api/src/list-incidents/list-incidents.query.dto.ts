import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  INCIDENT_STATES,
  PRIORITIES,
  type IncidentStateName,
  type Priority,
} from '@itsm/contracts';
import { PageQuery, WITHOUT_NUL } from '@itsm/platform-kit';

/** `true` / `false` in a query string; anything else stays as sent and fails IsBoolean (400). */
const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListIncidentsQuery extends PageQuery {
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
}
