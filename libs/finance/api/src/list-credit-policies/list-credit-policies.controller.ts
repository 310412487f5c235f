import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { SqlFinanceCredits } from '@itsm/finance-application';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { CreditPolicyPageResponse, CreditPolicySummaryResponse } from '../shared/responses/credit.response';

export class ListCreditPoliciesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The policies crediting this cost center' })
  @IsOptional()
  @IsUUID('all')
  consumerCostCenterId?: string;
}

@FinanceController('credit-policies')
export class ListCreditPoliciesController {
  constructor(
    private readonly credits: SqlFinanceCredits,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List the credit policies', description: 'The latest version of each offering’s policy, by offering; cursor pages.' })
  @ApiOkResponse({ type: CreditPolicyPageResponse })
  async list(@Query() query: ListCreditPoliciesQuery, @WaitForPosition() position: number | undefined): Promise<CreditPolicyPageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.credits.creditPolicies(query);
    return { items: page.items.map(CreditPolicySummaryResponse.of), nextCursor: page.nextCursor };
  }
}
