import { Body, Inject, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Clock, EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { FINANCE_CLOCK, ReviseBudgetPlanHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, IsText, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { IsMoney, MoneyDto } from '../shared/money.dto';
import { BudgetResponse } from '../shared/responses/budget.response';

export class ReviseBudgetPlanRequest {
  @ApiProperty({ type: MoneyDto, description: 'The new planned amount, in the budget’s currency' })
  @IsMoney()
  planned!: MoneyDto;

  @ApiProperty({ example: 'New project approved', maxLength: 500 })
  @IsText(500)
  reason!: string;
}

@FinanceController('budgets')
export class ReviseBudgetPlanController {
  constructor(
    private readonly handler: ReviseBudgetPlanHandler,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  @Patch(':id')
  @FinanceCommand()
  @ApiOperation({ summary: 'Revise a budget’s plan', description: 'Thresholds the new plan puts the actual amount over or under follow as events.' })
  @ApiOkResponse({ type: BudgetResponse })
  async revise(
    @Param() { id }: IdParams,
    @Body() body: ReviseBudgetPlanRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<BudgetResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(BudgetResponse.of(result.state, this.clock.now()), result.revision);
  }
}
