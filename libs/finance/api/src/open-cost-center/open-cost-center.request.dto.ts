import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { CURRENCY_CODES, NAME_MAX_LENGTH } from '@itsm/finance-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class OpenCostCenterRequest {
  @ApiProperty({ example: 'IT-OPS', maxLength: 32, description: 'Unique; stored upper case' })
  @IsString()
  @Matches(/^\s*[A-Za-z0-9][A-Za-z0-9._-]{0,31}\s*$/, { message: '$property must be a letter or digit, then up to 31 letters, digits, ".", "_" or "-"' })
  code!: string;

  @ApiProperty({ example: 'Name of the cost center', maxLength: NAME_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  name!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  currency!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The cost center above this one; none: at the top' })
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;
}
