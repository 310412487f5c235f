import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { SqlFinanceCredits } from '@itsm/finance-application';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { ServiceCreditPageResponse, ServiceCreditResponse } from '../shared/responses/credit.response';

export class ListCreditsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-03', description: 'The month of the breaches' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be a month (2026-03)' })
  period?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The consumer credited' })
  @IsOptional()
  @IsUUID('all')
  costCenterId?: string;
}

@FinanceController('credits')
export class ListCreditsController {
  constructor(
    private readonly credits: SqlFinanceCredits,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({
    summary: 'List the service credits',
    description: 'One line per SLA breach credited, accrued or reversed (a capped one may be zero), naming the incident number and the breach event; by period, accrual time; cursor pages.',
  })
  @ApiOkResponse({ type: ServiceCreditPageResponse })
  async list(@Query() query: ListCreditsQuery, @WaitForPosition() position: number | undefined): Promise<ServiceCreditPageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.credits.credits(query);
    return { items: page.items.map(ServiceCreditResponse.of), nextCursor: page.nextCursor };
  }
}
