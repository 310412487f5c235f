import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PRIORITIES, SLA_TIMER_KINDS } from '@itsm/contracts';
import { IsAmount, MoneyDto, UNSIGNED_AMOUNT } from '../shared/money.dto';
import { IsDay } from '../shared/period.query';

export class CreditTierDto {
  @ApiProperty({ enum: PRIORITIES, example: 'P1' })
  @IsIn(PRIORITIES, { message: `$property must be one of ${PRIORITIES.join(', ')}` })
  priority!: (typeof PRIORITIES)[number];

  @ApiProperty({ enum: SLA_TIMER_KINDS, example: 'resolution' })
  @IsIn(SLA_TIMER_KINDS, { message: `$property must be one of ${SLA_TIMER_KINDS.join(', ')}` })
  timerKind!: (typeof SLA_TIMER_KINDS)[number];

  @ApiProperty({ type: String, example: '10', description: 'Percent of the monthly fee, a decimal string in (0, 100]' })
  @IsAmount(UNSIGNED_AMOUNT)
  percentOfMonthlyFee!: string;
}

export class PutCreditPolicyRequest {
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'The first day of breaches it applies to: after the latest version’s' })
  @IsDay()
  effectiveFrom!: string;

  @ApiProperty({ format: 'uuid', description: 'The cost center subscribed to the offering: the consumer its breaches credit' })
  @IsUUID('all')
  consumerCostCenterId!: string;

  @ApiProperty({ type: [CreditTierDto], description: 'One per priority and timer' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CreditTierDto)
  tiers!: CreditTierDto[];

  @ApiProperty({ type: String, example: '100', description: 'The most a consumer’s credits of a period add up to, percent of the monthly fee, in (0, 100]' })
  @IsAmount(UNSIGNED_AMOUNT)
  capPercentOfMonthlyFee!: string;

  @ApiPropertyOptional({ type: MoneyDto, nullable: true, description: 'The consumer’s monthly fee for the offering; absent: the service’s fixed monthly cost' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  monthlyFee?: MoneyDto | null;
}
