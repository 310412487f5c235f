import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { ServiceKind, ServiceLifecycle } from '@itsm/contracts';
import { SERVICE_KINDS } from '../register-service/register-service.request.dto';

const LIFECYCLES: readonly ServiceLifecycle[] = ['pipeline', 'live', 'retired'];
/** PostgreSQL refuses NUL in text parameters (a 500 otherwise), and no name holds one. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const WITHOUT_NUL = /^[^\u0000]*$/;

/** `limit` and `cursor` of every cursor-paginated list. */
export class PageQuery {
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

export class ListServicesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SERVICE_KINDS })
  @IsOptional()
  @IsIn(SERVICE_KINDS)
  kind?: ServiceKind;

  @ApiPropertyOptional({ enum: LIFECYCLES })
  @IsOptional()
  @IsIn(LIFECYCLES)
  lifecycle?: ServiceLifecycle;

  @ApiPropertyOptional({ example: 'messaging-owners' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  ownerGroup?: string;

  @ApiPropertyOptional({ description: 'Text in the name, case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  q?: string;
}
