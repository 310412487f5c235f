import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TEXT_MAX_LENGTH } from '@itsm/changes-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class CancelChangeRequest {
  @ApiProperty({ maxLength: TEXT_MAX_LENGTH, example: 'Superseded by CHG0000042' })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  reason!: string;
}
