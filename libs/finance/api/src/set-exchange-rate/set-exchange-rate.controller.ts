import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn } from 'class-validator';
import type { EventMetadata } from '@itsm/event-sourcing';
import { SetExchangeRateHandler } from '@itsm/finance-application';
import { CURRENCY_CODES, type ExchangeRatePair } from '@itsm/finance-domain';
import { announceWrite, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { IsAmount, UNSIGNED_AMOUNT } from '../shared/money.dto';
import { IsDay } from '../shared/period.query';
import { PublishedExchangeRateResponse } from '../shared/responses/exchange-rate.response';

export class SetExchangeRateRequest {
  @ApiProperty({ example: 'USD' })
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  from!: string;

  @ApiProperty({ example: 'EUR' })
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  to!: string;

  @ApiProperty({ format: 'date', example: '2026-03-02' })
  @IsDay()
  date!: string;

  @ApiProperty({ type: String, example: '0.9230', description: 'Units of `to` per unit of `from`: a decimal string above zero, never a JSON number' })
  @IsAmount(UNSIGNED_AMOUNT)
  rate!: string;
}

@FinanceController('exchange-rates')
export class SetExchangeRateController {
  constructor(private readonly handler: SetExchangeRateHandler) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({
    summary: 'Publish the rate of a day between two currencies',
    description: 'Postings in another currency are converted once, at the latest rate on or before their day. The same rate again is 200 and changes nothing; another rate for a published day is 409.',
  })
  @ApiCreatedResponse({ type: PublishedExchangeRateResponse })
  async set(@Body() body: SetExchangeRateRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response): Promise<WithETag<PublishedExchangeRateResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events);
    if (result.events.length === 0) response.status(200);
    const pair = result.state as ExchangeRatePair;
    return withETag({ from: pair.from, to: pair.to, date: body.date, rate: pair.rates[body.date] }, result.revision);
  }
}
