import { Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@itsm/event-sourcing';
import { BudgetStreams, FINANCE_CLOCK } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { BudgetResponse } from '../shared/responses/budget.response';

@FinanceController('budgets')
export class GetBudgetController {
  constructor(
    private readonly streams: BudgetStreams,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id')
  @FinanceRead(404)
  @ApiOperation({ summary: 'Read a budget with its figures and forecast', description: 'Folded from its stream (ETag = revision); the forecast is of today (UTC).' })
  @ApiOkResponse({ type: BudgetResponse })
  async get(@Param() { id }: IdParams): Promise<WithETag<BudgetResponse>> {
    const { state, revision } = await this.streams.load(id);
    return withETag(BudgetResponse.of(state, this.clock.now()), revision);
  }
}
