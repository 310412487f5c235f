import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RateCardStreams } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { IdParams } from '../shared/id.params';
import { RateCardResponse } from '../shared/responses/rate-card.response';

@FinanceController('rate-cards')
export class GetRateCardController {
  constructor(private readonly streams: RateCardStreams) {}

  @Get(':id')
  @FinanceRead(404)
  @ApiOperation({ summary: 'Read a rate card with all its versions', description: 'Folded from its stream (ETag = revision).' })
  @ApiOkResponse({ type: RateCardResponse })
  async get(@Param() { id }: IdParams): Promise<WithETag<RateCardResponse>> {
    const { state, revision } = await this.streams.load(id);
    return withETag(RateCardResponse.of(state), revision);
  }
}
