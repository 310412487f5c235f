import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NAME_MAX_LENGTH } from '@itsm/finance-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class OpenCostCenterRequest {
  @ApiProperty({ example: 'Name of the cost center', maxLength: NAME_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  name!: string;
}
