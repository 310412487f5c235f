import { HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventMetadata, ExpectedRevision } from '@itsm/event-sourcing';
import { ClosePeriodHandler } from '@itsm/finance-application';
import { announceWrite, IfMatch, ifMatchCondition, RequestMetadata, withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceCommand } from '../shared/finance-endpoint.decorators';
import { PeriodParams } from '../shared/period.params';
import { PeriodResponse } from '../shared/responses/period.response';

@FinanceController('periods')
export class ClosePeriodController {
  constructor(private readonly handler: ClosePeriodHandler) {}

  @Post(':period/close')
  @HttpCode(200)
  @FinanceCommand()
  @ApiOperation({ summary: 'Close a period whose statements are published', description: 'A closed period is immutable: every command on it is 409; a correction is an adjustment (POST /finance/adjustments).' })
  @ApiOkResponse({ type: PeriodResponse })
  async close(
    @Param() { period }: PeriodParams,
    @IfMatch() ifMatch: ExpectedRevision | undefined,
    @RequestMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WithETag<PeriodResponse>> {
    const result = await this.handler.execute(period, metadata, ifMatchCondition(ifMatch));
    announceWrite(response, result.events);
    return withETag(PeriodResponse.of(period, result.state), result.revision);
  }
}
