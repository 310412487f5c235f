import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { SqlFinanceCredits } from '@itsm/finance-application';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { DisputePageResponse, DisputeResponse } from '../shared/responses/dispute.response';

const STATES = ['open', 'under-review', 'resolved'] as const;

export class ListDisputesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The disputes of one statement' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  statementId?: string;

  @ApiPropertyOptional({ enum: STATES })
  @IsOptional()
  @IsIn(STATES, { message: `$property must be one of ${STATES.join(', ')}` })
  state?: string;
}

@FinanceController('disputes')
export class ListDisputesController {
  constructor(
    private readonly credits: SqlFinanceCredits,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List disputes', description: 'By opening time; `?statementId=` one statement’s; cursor pages.' })
  @ApiOkResponse({ type: DisputePageResponse })
  async list(@Query() query: ListDisputesQuery, @WaitForPosition() position: number | undefined): Promise<DisputePageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.credits.disputes(query);
    return { items: page.items.map(DisputeResponse.ofRow), nextCursor: page.nextCursor };
  }
}
