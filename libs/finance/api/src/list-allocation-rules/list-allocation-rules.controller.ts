import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { AllocationRuleListItem, AllocationRulePageResponse } from '../shared/responses/allocation-rule.response';

export class ListAllocationRulesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['pool', 'service'], description: 'With sourceId: the rules of one pool or service' })
  @ValidateIf((query: ListAllocationRulesQuery) => query.sourceId !== undefined || query.sourceKind !== undefined)
  @IsIn(['pool', 'service'])
  sourceKind?: 'pool' | 'service';

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((query: ListAllocationRulesQuery) => query.sourceId !== undefined || query.sourceKind !== undefined)
  @IsUUID('all')
  sourceId?: string;

  @ApiPropertyOptional({ enum: ['defined', 'retired'] })
  @IsOptional()
  @IsIn(['defined', 'retired'])
  status?: 'defined' | 'retired';
}

@FinanceController('allocation-rules')
export class ListAllocationRulesController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List allocation rules', description: 'In the order they were defined; per pool or service; cursor pages.' })
  @ApiOkResponse({ type: AllocationRulePageResponse })
  async list(@Query() query: ListAllocationRulesQuery, @WaitForPosition() position: number | undefined): Promise<AllocationRulePageResponse> {
    await this.consistency.readAfter(position);
    const source = query.sourceKind && query.sourceId ? { kind: query.sourceKind, id: query.sourceId.toLowerCase() } : undefined;
    const page = await this.readModels.allocationRules.list({ source, status: query.status, limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(AllocationRuleListItem.ofView), nextCursor: page.nextCursor };
  }
}
