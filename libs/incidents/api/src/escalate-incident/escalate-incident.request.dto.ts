import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { NotWith } from '../shared/deprecated-alias';
import { IsName } from '../shared/text-fields';

const ESCALATION_KINDS = ['functional', 'hierarchical'] as const;

export class EscalateIncidentRequest {
  @ApiProperty({ enum: ESCALATION_KINDS })
  @IsIn(ESCALATION_KINDS)
  kind!: (typeof ESCALATION_KINDS)[number];

  @ApiPropertyOptional({
    example: 'network-team',
    description:
      'Required for a functional escalation: the group that takes over (`toGroup` is its deprecated name)',
  })
  @ValidateIf(
    (body: EscalateIncidentRequest) =>
      body.kind === 'functional' && body.toGroup === undefined,
  )
  @IsName()
  assignmentGroup?: string;

  @ApiPropertyOptional({
    deprecated: true,
    example: 'network-team',
    description: 'Deprecated: use `assignmentGroup`',
  })
  @IsOptional()
  @NotWith('assignmentGroup')
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
        toGroup: body.assignmentGroup ?? body.toGroup ?? '',
        reason: body.reason,
      }
    : { kind: 'hierarchical' as const, reason: body.reason };
