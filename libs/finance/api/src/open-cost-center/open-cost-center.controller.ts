import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { OpenCostCenterHandler } from '@itsm/finance-application';
import { announceWrite, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { CostCenterResponse } from '../shared/responses/cost-center.response';
import { OpenCostCenterRequest } from './open-cost-center.request.dto';

@FinanceController('cost-centers')
export class OpenCostCenterController {
  constructor(private readonly handler: OpenCostCenterHandler) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({ summary: 'Open a cost center', description: 'The code is unique (stored upper case); a parent must exist and be open.' })
  @ApiCreatedResponse({ type: CostCenterResponse })
  async open(
    @Body() body: OpenCostCenterRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CostCenterResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/cost-centers/${result.id}`);
    return withETag(CostCenterResponse.of(result.state), result.revision);
  }
}
