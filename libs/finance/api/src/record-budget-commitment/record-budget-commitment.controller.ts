import { Body, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Clock, EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { FINANCE_CLOCK, RecordBudgetCommitmentHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { BudgetPostingRequest } from '../record-budget-actual/budget-posting.request.dto';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { BudgetResponse } from '../shared/responses/budget.response';

@FinanceController('budgets')
export class RecordBudgetCommitmentController {
  constructor(
    private readonly handler: RecordBudgetCommitmentHandler,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':id/commitments')
  @FinanceCommand()
  @ApiOperation({ summary: 'Record money committed against a budget (a purchase order)', description: 'Commitments do not move thresholds.' })
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
