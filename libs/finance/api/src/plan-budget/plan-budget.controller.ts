import { Body, Inject, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Clock, EventMetadata } from '@itsm/event-sourcing';
import { FINANCE_CLOCK, PlanBudgetHandler } from '@itsm/finance-application';
import { announceWrite, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { BudgetResponse } from '../shared/responses/budget.response';
import { PlanBudgetRequest } from './plan-budget.request.dto';

@FinanceController('budgets')
export class PlanBudgetController {
  constructor(
    private readonly handler: PlanBudgetHandler,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({ summary: 'Plan a budget for a cost center and a period' })
  @ApiCreatedResponse({ type: BudgetResponse })
  async plan(@Body() body: PlanBudgetRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response): Promise<WithETag<BudgetResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/budgets/${result.id}`);
    return withETag(BudgetResponse.of(result.state, this.clock.now()), result.revision);
  }
}
