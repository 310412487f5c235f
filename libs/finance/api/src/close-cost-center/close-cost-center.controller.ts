import { HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { CloseCostCenterHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CostCenterResponse } from '../shared/responses/cost-center.response';

@FinanceController('cost-centers')
export class CloseCostCenterController {
  constructor(private readonly handler: CloseCostCenterHandler) {}

  @Post(':id/close')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Close a cost center for good', description: 'A closed cost center takes no more changes, budgets or postings.' })
  @ApiOkResponse({ type: CostCenterResponse })
  async close(
    @Param() { id }: IdParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CostCenterResponse>> {
    const result = await this.handler.execute(id, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(CostCenterResponse.of(result.state), result.revision);
  }
}
