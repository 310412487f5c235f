import { Body, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RenameCostCenterHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { CostCenterResponse } from '../shared/responses/cost-center.response';
import { RenameCostCenterRequest } from './rename-cost-center.request.dto';

@FinanceController('cost-centers')
export class RenameCostCenterController {
  constructor(private readonly handler: RenameCostCenterHandler) {}

  @Patch(':id')
  @FinanceCommand()
  @ApiOperation({ summary: 'Rename a cost center', description: 'The same name again changes nothing (same ETag).' })
  @ApiOkResponse({ type: CostCenterResponse })
  async rename(
    @Param() { id }: IdParams,
    @Body() body: RenameCostCenterRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CostCenterResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(CostCenterResponse.of(result.state), result.revision);
  }
}
