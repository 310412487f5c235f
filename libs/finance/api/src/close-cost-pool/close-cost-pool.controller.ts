import { HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { CloseCostPoolHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CostPoolResponse } from '../shared/responses/cost-pool.response';

@FinanceController('cost-pools')
export class CloseCostPoolController {
  constructor(private readonly handler: CloseCostPoolHandler) {}

  @Post(':id/close')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Close a cost pool for good' })
  @ApiOkResponse({ type: CostPoolResponse })
  async close(
    @Param() { id }: IdParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CostPoolResponse>> {
    const result = await this.handler.execute(id, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(CostPoolResponse.of(result.state), result.revision);
  }
}
