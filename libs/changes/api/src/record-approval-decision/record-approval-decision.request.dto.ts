import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { APPROVAL_DECISIONS, type ApprovalDecision } from '@itsm/contracts';
import { TEXT_MAX_LENGTH } from '@itsm/changes-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class RecordApprovalDecisionRequest {
  @ApiProperty({ enum: APPROVAL_DECISIONS })
  @IsIn(APPROVAL_DECISIONS)
  decision!: ApprovalDecision;

  @ApiPropertyOptional({ maxLength: TEXT_MAX_LENGTH, description: 'Why; required to reject' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  comment?: string;

  @ApiPropertyOptional({
    pattern: '^[0-9a-f]{64}$',
    description: 'The `materialHash` of the change as you saw it: refused (409) if the change has changed since. Left out: the change as it is now',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be the materialHash of the change (64 lower-case hex digits)' })
  seenHash?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'The stage you decide on: refused (409) if another one is open' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  stage?: string;
}
