import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IMPACT_LEVELS, type Impact, type Urgency } from '@itsm/contracts';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class OpenIncidentRequest {
  @ApiProperty({ example: 'Mail does not arrive', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, {
    message: '$property must not contain NUL characters',
  })
  shortDescription!: string;

  @ApiProperty({
    example: 'Since 09:00 no external mail reaches the sales team.',
    maxLength: 10000,
  })
  @IsString()
  @MaxLength(10000)
  @Matches(WITHOUT_NUL, {
    message: '$property must not contain NUL characters',
  })
  description!: string;

  @ApiPropertyOptional({
    description:
      'Who reported it; default (and for requesters, necessarily) the caller',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  callerId?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  serviceId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Default: the service's default offering",
  })
  @IsOptional()
  @IsUUID('all')
  offeringId?: string;

  @ApiProperty({ enum: IMPACT_LEVELS })
  @IsIn(IMPACT_LEVELS)
  impact!: Impact;

  @ApiProperty({ enum: IMPACT_LEVELS })
  @IsIn(IMPACT_LEVELS)
  urgency!: Urgency;
}
