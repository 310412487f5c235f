import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { CHANGE_OUTCOMES, type ChangeOutcome } from '@itsm/contracts';
import { TEXT_MAX_LENGTH } from '@itsm/changes-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class CompleteChangeRequest {
  @ApiProperty({ enum: CHANGE_OUTCOMES })
  @IsIn(CHANGE_OUTCOMES)
  outcome!: ChangeOutcome;

  @ApiProperty({ maxLength: TEXT_MAX_LENGTH, example: 'Upgraded; smoke tests green' })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  notes!: string;
}
