import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CHANGE_STATES, CHANGE_TYPES, RISK_LEVELS, type ChangeStateName, type ChangeType, type RiskLevel } from '@itsm/contracts';
import { PageQuery, WITHOUT_NUL } from '@itsm/platform-kit';

/** A repeated query key (`?state=new&state=assess`) arrives as an array, a single one as a string: always a list. */
const queryList = ({ value }: { value: unknown }) => (Array.isArray(value) ? value : [value]);
const MANY = 'Repeat the key for several values (any of them matches)';
const noNul = { message: '$property must not contain NUL characters' };

export class ListChangesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHANGE_STATES, isArray: true, description: MANY })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(CHANGE_STATES.length)
  @IsIn(CHANGE_STATES, { each: true })
  state?: ChangeStateName[];

  @ApiPropertyOptional({ enum: CHANGE_TYPES, isArray: true, description: MANY })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(CHANGE_TYPES.length)
  @IsIn(CHANGE_TYPES, { each: true })
  type?: ChangeType[];

  @ApiPropertyOptional({ enum: RISK_LEVELS, isArray: true, description: `The assessed risk level. ${MANY}` })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(RISK_LEVELS.length)
  @IsIn(RISK_LEVELS, { each: true })
  risk?: RiskLevel[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Changes touching this service' })
  @IsOptional()
  @IsUUID('all')
  serviceId?: string;

  @ApiPropertyOptional({ type: [String], example: ['dba-team'], description: MANY })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  @Matches(WITHOUT_NUL, { each: true, ...noNul })
  implementerGroup?: string[];

  @ApiPropertyOptional({
    description: 'Words found anywhere inside the words of the number, short description or description ("base" finds "database", "42" finds CHG0000042); every word must match; case-insensitive',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, noNul)
  q?: string;
}
