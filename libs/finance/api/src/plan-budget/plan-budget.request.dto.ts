import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsMoney, MoneyDto } from '../shared/money.dto';
import { IsPeriod } from '../shared/period.query';

export class PlanBudgetRequest {
  @ApiProperty({ format: 'uuid', description: 'An open cost center: the budget is in its currency' })
  @IsUUID('all')
  costCenterId!: string;

  @ApiProperty({ example: '2026-03', description: 'A month (2026-03) or a quarter (2026-Q1); one budget per cost center and period' })
  @IsPeriod()
  period!: string;

  @ApiProperty({ type: MoneyDto, description: 'More than zero, in the cost center’s currency' })
  @IsMoney()
  planned!: MoneyDto;

  @ApiPropertyOptional({ type: [Number], example: [80, 100], description: 'Whole percentages of planned (1–1000) whose crossing is an event; default [80, 100]' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(1000, { each: true })
  thresholds?: number[];
}
