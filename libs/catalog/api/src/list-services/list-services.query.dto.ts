import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SERVICE_CRITICALITIES, type ServiceCriticality, type ServiceKind, type ServiceLifecycle } from '@itsm/contracts';
import { PageQuery, WITHOUT_NUL } from '@itsm/platform-kit';
import { SERVICE_KINDS } from '../register-service/register-service.request.dto';

const LIFECYCLES: readonly ServiceLifecycle[] = ['pipeline', 'live', 'retired'];
export class ListServicesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SERVICE_KINDS })
  @IsOptional()
  @IsIn(SERVICE_KINDS)
  kind?: ServiceKind;

  @ApiPropertyOptional({ enum: LIFECYCLES })
  @IsOptional()
  @IsIn(LIFECYCLES)
  lifecycle?: ServiceLifecycle;

  @ApiPropertyOptional({ enum: SERVICE_CRITICALITIES })
  @IsOptional()
  @IsIn(SERVICE_CRITICALITIES)
  criticality?: ServiceCriticality;

  @ApiPropertyOptional({ example: 'messaging-owners' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(WITHOUT_NUL, {
    message: '$property must not contain NUL characters',
  })
  ownerGroup?: string;

  @ApiPropertyOptional({ description: 'Text in the name, case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, {
    message: '$property must not contain NUL characters',
  })
  q?: string;
}
