import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { RateCardListItem, RateCardPageResponse } from '../shared/responses/rate-card.response';

@FinanceController('rate-cards')
export class ListRateCardsController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List rate cards', description: 'By name, with the latest version’s day and currency; cursor pages.' })
  @ApiOkResponse({ type: RateCardPageResponse })
  async list(@Query() query: PageQuery, @WaitForPosition() position: number | undefined): Promise<RateCardPageResponse> {
    await this.consistency.readAfter(position);
    const page = await this.readModels.rateCards.list(query);
    return { items: page.items.map(RateCardListItem.ofView), nextCursor: page.nextCursor };
  }
}
