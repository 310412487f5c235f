import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

const MAJOR_ACTIONS = ['propose', 'accept', 'reject'] as const;

/** The major-incident workflow in one resource: propose (with a justification), then accept or reject (with a reason). */
export class MajorIncidentRequest {
  @ApiProperty({ enum: MAJOR_ACTIONS })
  @IsIn(MAJOR_ACTIONS)
  action!: (typeof MAJOR_ACTIONS)[number];

  @ApiPropertyOptional({ description: 'action=propose', maxLength: 1000 })
  @ValidateIf((body: MajorIncidentRequest) => body.action === 'propose')
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  justification?: string;

  @ApiPropertyOptional({ description: 'action=reject', maxLength: 1000 })
  @ValidateIf((body: MajorIncidentRequest) => body.action === 'reject')
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason?: string;
}
