import { Body, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { RunPeriodHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { PeriodParams } from '../shared/period.params';
import { PeriodResponse } from '../shared/responses/period.response';

export class RunPeriodRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The rate card that prices labour (default: the one of the previous run)' })
  @IsOptional()
  @IsUUID('all')
  labourRateCardId?: string;
}

@FinanceController('periods')
export class RunPeriodController {
  constructor(private readonly handler: RunPeriodHandler) {}

  @Post(':period/run')
  @HttpCode(200)
  @FinanceCommand(503)
  @ApiOperation({
    summary: 'Run (or run again) a period’s allocation and reconcile it',
    description: 'Reads the period’s ledger lines, usage, the rules in force, exchange rates, labour and service credits; records the run with every input it used. A published or closed period is 409.',
  })
  @ApiOkResponse({ type: PeriodResponse })
  async run(
    @Param() { period }: PeriodParams,
    @Body() body: RunPeriodRequest,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<PeriodResponse>> {
    const result = await this.handler.execute({ period, labourRateCardId: body?.labourRateCardId }, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(PeriodResponse.of(period, result.state), result.revision);
  }
}
