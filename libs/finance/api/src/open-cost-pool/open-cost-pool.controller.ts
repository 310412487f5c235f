import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { OpenCostPoolHandler } from '@itsm/finance-application';
import { announceWrite, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { CostPoolResponse } from '../shared/responses/cost-pool.response';
import { OpenCostPoolRequest } from './open-cost-pool.request.dto';

@FinanceController('cost-pools')
export class OpenCostPoolController {
  constructor(private readonly handler: OpenCostPoolHandler) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({ summary: 'Open a cost pool', description: 'A pool gathers costs (licences, hosting) that an allocation rule shares out.' })
  @ApiCreatedResponse({ type: CostPoolResponse })
  async open(@Body() body: OpenCostPoolRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response): Promise<WithETag<CostPoolResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/cost-pools/${result.id}`);
    return withETag(CostPoolResponse.of(result.state), result.revision);
  }
}
