import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CURRENCY_CODES } from '@itsm/finance-domain';
import { IsMoneyRecord } from '../shared/money.dto';
import { IsDay } from '../shared/period.query';

const MONEY_MAP = { type: 'object', additionalProperties: { $ref: '#/components/schemas/MoneyDto' } } as const;

export class PublishRateCardVersionRequest {
  @ApiProperty({ format: 'date', example: '2026-07-01', description: 'The first day it applies: after the latest version’s' })
  @IsDay()
  effectiveFrom!: string;

  @ApiProperty({ example: 'EUR', description: 'Every rate and price of the version is in it' })
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  currency!: string;

  @ApiProperty({ ...MONEY_MAP, description: 'Money per hour of work, by role', example: { agent: { amount: '60.00', currency: 'EUR' } } })
  @IsMoneyRecord()
  roleRates!: Record<string, { amount: string; currency: string }>;

  @ApiProperty({ ...MONEY_MAP, description: 'Money per usage unit', example: { 'vm-hour': { amount: '0.12', currency: 'EUR' } } })
  @IsMoneyRecord()
  unitPrices!: Record<string, { amount: string; currency: string }>;
}
