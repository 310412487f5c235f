import { Body, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata } from '@itsm/event-sourcing';
import { CreateRateCardHandler } from '@itsm/finance-application';
import { NAME_MAX_LENGTH } from '@itsm/finance-domain';
import { announceWrite, IsName, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FINANCE_ROUTE, FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCreate } from '../shared/finance-endpoint.decorators';
import { RateCardResponse } from '../shared/responses/rate-card.response';

export class CreateRateCardRequest {
  @ApiProperty({ example: 'IT services 2026', maxLength: NAME_MAX_LENGTH })
  @IsName(NAME_MAX_LENGTH)
  name!: string;
}

@FinanceController('rate-cards')
export class CreateRateCardController {
  constructor(private readonly handler: CreateRateCardHandler) {}

  @Post()
  @FinanceCreate()
  @ApiOperation({ summary: 'Create a rate card', description: 'Without rates yet: publish versions with POST /rate-cards/:id/versions.' })
  @ApiCreatedResponse({ type: RateCardResponse })
  async create(@Body() body: CreateRateCardRequest, @RequestMetadata() metadata: EventMetadata, @Res({ passthrough: true }) response: Response): Promise<WithETag<RateCardResponse>> {
    const result = await this.handler.execute(body, metadata);
    announceWrite(response, result.events, `/${FINANCE_ROUTE}/rate-cards/${result.id}`);
    return withETag(RateCardResponse.of(result.state), result.revision);
  }
}
