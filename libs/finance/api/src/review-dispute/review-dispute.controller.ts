import { HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { StartDisputeReviewHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { DisputeResponse } from '../shared/responses/dispute.response';

@FinanceController('disputes')
export class ReviewDisputeController {
  constructor(private readonly handler: StartDisputeReviewHandler) {}

  @Post(':id/review')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Start the review of a dispute', description: 'Open → under review, by the caller; again changes nothing; a resolved dispute is 409.' })
  @ApiOkResponse({ type: DisputeResponse })
  async review(
    @Param() { id }: IdParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<DisputeResponse>> {
    const result = await this.handler.execute(id, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(DisputeResponse.of(result.state), result.revision);
  }
}
