import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** `:period` of a period close: a month ("2026-03"). */
export class PeriodParams {
  @ApiProperty({ example: '2026-03', description: 'A month, YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month (2026-03)' })
  period!: string;
}
