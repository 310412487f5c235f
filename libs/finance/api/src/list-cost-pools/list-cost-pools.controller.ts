import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { CostPoolListItem, CostPoolPageResponse } from '../shared/responses/cost-pool.response';

export class ListCostPoolsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  ownerCostCenterId?: string;

  @ApiPropertyOptional({ enum: ['opened', 'closed'] })
  @IsOptional()
  @IsIn(['opened', 'closed'])
  status?: 'opened' | 'closed';
}

@FinanceController('cost-pools')
export class ListCostPoolsController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List cost pools', description: 'By name; cursor pages.' })
  @ApiOkResponse({ type: CostPoolPageResponse })
  async list(@Query() query: ListCostPoolsQuery, @WaitForPosition() position: number | undefined): Promise<CostPoolPageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.readModels.costPools.list({ ...query, ownerCostCenterId: query.ownerCostCenterId?.toLowerCase() });
    return { items: page.items.map(CostPoolListItem.ofView), nextCursor: page.nextCursor };
  }
}
