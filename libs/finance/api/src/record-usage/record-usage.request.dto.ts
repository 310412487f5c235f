import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { MAX_USAGE_RECORDS, USAGE_REFERENCE_MAX_LENGTH } from '@itsm/finance-domain';
import { IsName } from '@itsm/platform-kit';
import { IsAmount, UNSIGNED_AMOUNT } from '../shared/money.dto';
import { IsDay } from '../shared/period.query';

export class UsageRecordDto {
  @ApiProperty({ format: 'uuid', description: 'A catalog service finance knows' })
  @IsUUID('all')
  serviceId!: string;

  @ApiProperty({ format: 'uuid', description: 'The open cost center that used it' })
  @IsUUID('all')
  consumerCostCenterId!: string;

  @ApiProperty({ example: 'vm-hour', description: 'A key of the rate cards’ unit prices' })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, { message: '$property must be 1 to 64 lower case letters, digits, ".", "_" or "-"' })
  unit!: string;

  @ApiProperty({ type: String, example: '12.5', description: 'A decimal string of zero or more, never a JSON number' })
  @IsAmount(UNSIGNED_AMOUNT)
  quantity!: string;

  @ApiProperty({ format: 'date', example: '2026-03-01', description: 'The day the usage belongs to (its period)' })
  @IsDay()
  postedOn!: string;

  @ApiPropertyOptional({ maxLength: USAGE_REFERENCE_MAX_LENGTH, description: 'The metering system’s id of the record' })
  @IsOptional()
  @IsName(USAGE_REFERENCE_MAX_LENGTH)
  reference?: string;
}

/** A batch of metered usage: one record or many, under the client's reference (the same reference again records nothing). */
export class RecordUsageRequest {
  @ApiProperty({ example: 'meter-export-2026-03-01', maxLength: USAGE_REFERENCE_MAX_LENGTH })
  @IsName(USAGE_REFERENCE_MAX_LENGTH)
  reference!: string;

  @ApiProperty({ type: [UsageRecordDto], maxItems: MAX_USAGE_RECORDS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_USAGE_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => UsageRecordDto)
  records!: UsageRecordDto[];
}
