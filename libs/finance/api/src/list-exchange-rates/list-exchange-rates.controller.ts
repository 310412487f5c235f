import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CURRENCY_CODES } from '@itsm/finance-domain';
import { PageQuery, WaitForPosition } from '@itsm/platform-kit';
import { FinanceConsistency } from '../shared/finance-consistency';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceList } from '../shared/finance-endpoint.decorators';
import { FINANCE_READ_MODELS, type FinanceReadModelsPort } from '../shared/finance-read-models.port';
import { IsDay } from '../shared/period.query';
import { ExchangeRatePageResponse } from '../shared/responses/exchange-rate.response';

export class ListExchangeRatesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'USD' })
  @IsOptional()
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  from?: string;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  to?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Days on or after' })
  @IsOptional()
  @IsDay()
  since?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Days on or before' })
  @IsOptional()
  @IsDay()
  until?: string;
}

@FinanceController('exchange-rates')
export class ListExchangeRatesController {
  constructor(
    @Inject(FINANCE_READ_MODELS) private readonly readModels: FinanceReadModelsPort,
    private readonly consistency: FinanceConsistency,
  ) {}

  @Get()
  @FinanceList()
  @ApiOperation({ summary: 'List exchange rates', description: 'By pair, then day; cursor pages.' })
  @ApiOkResponse({ type: ExchangeRatePageResponse })
  async list(@Query() query: ListExchangeRatesQuery, @WaitForPosition() position: number | undefined): Promise<ExchangeRatePageResponse> {
    await this.consistency.readAfter(position);
    return this.readModels.exchangeRates.list(query);
  }
}
