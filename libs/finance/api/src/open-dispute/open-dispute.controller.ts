import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { OpenDisputeHandler } from '@itsm/finance-application';
import { announceWrite, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { DisputeResponse } from '../shared/responses/dispute.response';
import { OpenDisputeRequest } from './open-dispute.request.dto';

@FinanceController('disputes')
export class OpenDisputeController {
  constructor(private readonly handler: OpenDisputeHandler) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({ summary: 'Dispute a line of a statement', description: 'Opens the dispute with its reason: open → under review → resolved (accepted or rejected).' })
  @ApiCreatedResponse({ type: DisputeResponse })
  async open(@Body() body: OpenDisputeRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response): Promise<WithETag<DisputeResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/disputes/${result.id}`);
    return withETag(DisputeResponse.of(result.state), result.revision);
  }
}
