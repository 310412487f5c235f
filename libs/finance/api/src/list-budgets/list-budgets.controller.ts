import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { Clock } from '@itsm/event-sourcing';
import { FINANCE_CLOCK } from '@itsm/finance-application';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { IsPeriod } from '../shared/period.query';
import { BudgetListItem, BudgetPageResponse } from '../shared/responses/budget.response';

export class ListBudgetsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  costCenterId?: string;

  @ApiPropertyOptional({ example: '2026-03' })
  @IsOptional()
  @IsPeriod()
  period?: string;
}

@FinanceController('budgets')
export class ListBudgetsController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
    @Inject(FINANCE_CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List budgets', description: 'By period start; with planned, committed, actual, available, the run-rate forecast of today and the thresholds crossed.' })
  @ApiOkResponse({ type: BudgetPageResponse })
  async list(@Query() query: ListBudgetsQuery, @WaitForPosition() position: number | undefined): Promise<BudgetPageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.readModels.budgets.list({ ...query, costCenterId: query.costCenterId?.toLowerCase() });
    const now = this.clock.now();
    return { items: page.items.map((view) => BudgetListItem.ofView(view, now)), nextCursor: page.nextCursor };
  }
}
