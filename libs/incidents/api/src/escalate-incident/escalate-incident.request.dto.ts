import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsName } from '../shared/text-fields';

const ESCALATION_KINDS = ['functional', 'hierarchical'] as const;

export class EscalateIncidentRequest {
  @ApiProperty({ enum: ESCALATION_KINDS })
  @IsIn(ESCALATION_KINDS)
  kind!: (typeof ESCALATION_KINDS)[number];

  @ApiPropertyOptional({
    example: 'network-team',
    description:
      'Required for a functional escalation: the group that takes over',
  })
  @ValidateIf((body: EscalateIncidentRequest) => body.kind === 'functional')
  @IsName()
  toGroup?: string;

  @ApiProperty({ example: 'Needs the network team', maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export const escalationOf = (body: EscalateIncidentRequest) =>
  body.kind === 'functional'
    ? {
        kind: 'functional' as const,
        toGroup: body.toGroup ?? '',
        reason: body.reason,
      }
    : { kind: 'hierarchical' as const, reason: body.reason };
