import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { PublishStatementsHandler } from '@itsm/finance-application';
import type { StatementMode } from '@itsm/finance-domain';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { PeriodParams } from '../shared/period.params';
import { PeriodResponse } from '../shared/responses/period.response';

export class PublishStatementsRequest {
  @ApiPropertyOptional({ enum: ['showback', 'chargeback'], default: 'showback' })
  @IsOptional()
  @IsIn(['showback', 'chargeback'])
  mode?: StatementMode;

  @ApiPropertyOptional({ type: Object, example: { '0190f3a4-1111-7222-8333-944445555666': 'chargeback' }, description: 'A mode per cost center id, over `mode`' })
  @IsOptional()
  @IsObject()
  costCenterModes?: Record<string, StatementMode>;
}

@FinanceController('periods')
export class PublishStatementsController {
  constructor(private readonly handler: PublishStatementsHandler) {}

  @Post(':period/publish')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Publish the statements of the period’s latest run', description: 'One statement per cost center, in showback or chargeback mode, each with its content hash.' })
  @ApiOkResponse({ type: PeriodResponse })
  async publish(
    @Param() { period }: PeriodParams,
    @Body() body: PublishStatementsRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<PeriodResponse>> {
    const result = await this.handler.execute({ period, mode: body?.mode, costCenterModes: body?.costCenterModes }, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(PeriodResponse.of(period, result.state), result.revision);
  }
}
