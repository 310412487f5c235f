import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { CostCenterListItem, CostCenterPageResponse } from '../shared/responses/cost-center.response';
import { ListCostCentersQuery } from './list-cost-centers.query.dto';

@FinanceController('cost-centers')
export class ListCostCentersController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List cost centers', description: 'By code; one level of the hierarchy with parentId (none: the top); cursor pages.' })
  @ApiOkResponse({ type: CostCenterPageResponse })
  async list(@Query() query: ListCostCentersQuery, @WaitForPosition() position: number | undefined): Promise<CostCenterPageResponse> {
    await this.consistency.readAfter(position);
    const parentId = query.parentId === undefined ? undefined : query.parentId.toLowerCase() === 'none' ? null : query.parentId.toLowerCase();
    const page = await this.readModels.costCenterList.list({ parentId, status: query.status, limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(CostCenterListItem.ofView), nextCursor: page.nextCursor };
  }
}
