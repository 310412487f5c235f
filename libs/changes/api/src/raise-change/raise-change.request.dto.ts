import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SHORT_DESCRIPTION_MAX_LENGTH } from '@itsm/changes-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class RaiseChangeRequest {
  @ApiProperty({ example: 'Short description of the change', maxLength: SHORT_DESCRIPTION_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT_DESCRIPTION_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  shortDescription!: string;
}
