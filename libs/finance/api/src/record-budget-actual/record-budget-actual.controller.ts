import { Body, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Clock, EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { FINANCE_CLOCK, RecordBudgetActualHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { BudgetResponse } from '../shared/responses/budget.response';
import { BudgetPostingRequest } from './budget-posting.request.dto';

@FinanceController('budgets')
export class RecordBudgetActualController {
  constructor(
    private readonly handler: RecordBudgetActualHandler,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/actuals')
  @FinanceCommand()
  @ApiOperation({
    summary: 'Record money spent against a budget',
    description: 'A threshold newly reached is crossed once (BudgetThresholdCrossed); more spending above it says nothing more.',
  })
  @ApiCreatedResponse({ type: BudgetResponse })
  async record(
    @Param() { id }: IdParams,
    @Body() body: BudgetPostingRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<BudgetResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(BudgetResponse.of(result.state, this.clock.now()), result.revision);
  }
}
