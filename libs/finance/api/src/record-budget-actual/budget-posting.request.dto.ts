import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsName } from '@itsm/platform-kit';
import { IsMoney, MoneyDto } from '../shared/money.dto';
import { IsDay } from '../shared/period.query';

/** An actual or a commitment posted against a budget. */
export class BudgetPostingRequest {
  @ApiProperty({ type: MoneyDto, description: 'Negative: a correction or a release. In another currency: converted at the rate of its day' })
  @IsMoney()
  amount!: MoneyDto;

  @ApiProperty({ format: 'date', example: '2026-03-15', description: 'The day the amount belongs to, inside the budget’s period' })
  @IsDay()
  postedAt!: string;

  @ApiProperty({ example: 'Invoice 2026-0042', maxLength: 200 })
  @IsName(200)
  source!: string;

  @ApiPropertyOptional({ example: 'INV-2026-0042-1', maxLength: 200, description: 'Your id of the posting: the same id again records nothing' })
  @IsOptional()
  @IsName(200)
  postingId?: string;
}
