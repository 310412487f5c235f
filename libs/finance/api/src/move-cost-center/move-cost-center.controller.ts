import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { MoveCostCenterHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CostCenterResponse } from '../shared/responses/cost-center.response';
import { MoveCostCenterRequest } from './move-cost-center.request.dto';

@FinanceController('cost-centers')
export class MoveCostCenterController {
  constructor(private readonly handler: MoveCostCenterHandler) {}

  @Post(':id/move')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Move a cost center under another parent', description: 'Refused (409) when the new parent is below it: no cycles.' })
  @ApiOkResponse({ type: CostCenterResponse })
  async move(
    @Param() { id }: IdParams,
    @Body() body: MoveCostCenterRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CostCenterResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(CostCenterResponse.of(result.state), result.revision);
  }
}
