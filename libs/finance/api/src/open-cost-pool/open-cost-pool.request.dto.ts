import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { CURRENCY_CODES, NAME_MAX_LENGTH } from '@itsm/finance-domain';
import { IsName } from '@itsm/platform-kit';

export class OpenCostPoolRequest {
  @ApiProperty({ example: 'Cloud hosting', maxLength: NAME_MAX_LENGTH })
  @IsName(NAME_MAX_LENGTH)
  name!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code of the costs the pool gathers' })
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  currency!: string;

  @ApiProperty({ format: 'uuid', description: 'The open cost center that owns the pool' })
  @IsUUID('all')
  ownerCostCenterId!: string;
}
