import { Body, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { PublishRateCardVersionHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { MoneyDto } from '../shared/money.dto';
import { MoneyResponse } from '../shared/responses/money.response';
import { RateCardResponse } from '../shared/responses/rate-card.response';
import { PublishRateCardVersionRequest } from './publish-rate-card-version.request.dto';

@FinanceController('rate-cards')
@ApiExtraModels(MoneyDto, MoneyResponse)
export class PublishRateCardVersionController {
  constructor(private readonly handler: PublishRateCardVersionHandler) {}

  @Post(':id/versions')
  @FinanceCommand()
  @ApiOperation({
    summary: 'Publish a new version of a rate card',
    description: 'In effect from its day until the next version’s. Published versions are never changed: one on or before the latest is refused (409).',
  })
  @ApiCreatedResponse({ type: RateCardResponse })
  async publish(
    @Param() { id }: IdParams,
    @Body() body: PublishRateCardVersionRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<RateCardResponse>> {
    const result = await this.handler.execute(id, body, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(RateCardResponse.of(result.state), result.revision);
  }
}
