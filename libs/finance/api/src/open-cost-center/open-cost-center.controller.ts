import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { OpenCostCenterHandler } from '@itsm/finance-application';
import { announceWrite, ApiProblemResponses, RequestMetadata, Roles, withETag, type WithETag } from '@itsm/platform-kit';
import { CostCenterController } from '../shared/cost-center-controller.decorator';
import { CostCenterResponse } from '../shared/cost-center.response';
import { OpenCostCenterRequest } from './open-cost-center.request.dto';

@CostCenterController()
export class OpenCostCenterController {
  constructor(private readonly handler: OpenCostCenterHandler) {}

  @Post()
  @Roles('finance', 'admin')
  @ApiProblemResponses(400, 409, 422)
  @ApiOperation({ summary: 'Open a cost center' })
  @ApiCreatedResponse({ type: CostCenterResponse })
  async open(
    @Body() body: OpenCostCenterRequest,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<CostCenterResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events);
    return withETag(CostCenterResponse.of(result.costCenter), result.revision);
  }
}
