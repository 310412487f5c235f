import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { ResolveDisputeHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { DisputeResponse } from '../shared/responses/dispute.response';
import { ResolveDisputeRequest } from './resolve-dispute.request.dto';

@FinanceController('disputes')
export class ResolveDisputeController {
  constructor(private readonly handler: ResolveDisputeHandler) {}

  @Post(':id/resolve')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Resolve a dispute under review', description: 'Accepted or rejected, with the resolution; a dispute not under review, or already resolved, is 409.' })
  @ApiOkResponse({ type: DisputeResponse })
  async resolve(
    @Param() { id }: IdParams,
    @Body() body: ResolveDisputeRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<DisputeResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(DisputeResponse.of(result.state), result.revision);
  }
}
