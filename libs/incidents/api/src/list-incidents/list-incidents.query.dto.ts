import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
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

/** A repeated query key (`?state=resolved&state=closed`) arrives as an array, a single one as a string: always a list. */
const queryList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value : [value];
const MANY = 'Repeat the key for several values (any of them matches)';

/** `true` / `false` in a query string; anything else stays as sent and fails IsBoolean (400). */
const queryBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATES, isArray: true, description: MANY })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(INCIDENT_STATES.length)
  @IsIn(INCIDENT_STATES, { each: true })
  state?: IncidentStateName[];
  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true, description: MANY })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(PRIORITIES.length)
  @IsIn(PRIORITIES, { each: true })
  priority?: Priority[];
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  serviceId?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['service-desk'],
    description: MANY,
  })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  @Matches(WITHOUT_NUL, {
    each: true,
    message: '$property must not contain NUL characters',
  })
  assignmentGroup?: string[];

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
      'Words found anywhere inside the words of the number, short description or description ("mail" finds "Email", "42" finds INC0000042); every word must match; case-insensitive',
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
