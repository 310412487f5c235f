import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, IsNumber, Max, Min } from 'class-validator';
import { IsName } from '@itsm/platform-kit';

const MAX_AMOUNT = 1_000_000_000_000;

export class SetCostModelRequest {
  @ApiProperty({ example: 1200, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(MAX_AMOUNT)
  fixedMonthlyCost!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @IsISO4217CurrencyCode()
  currency!: string;

  @ApiProperty({ example: 2.5, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(MAX_AMOUNT)
  unitRate!: number;

  @ApiProperty({ example: 'mailbox', maxLength: 50 })
  @IsName(50)
  unitName!: string;
}
