import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ReplayPeriodQuery, type PeriodReplay } from '@itsm/finance-application';
import { Roles } from '@itsm/platform-kit';
import { ApiProblemResponses } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FINANCE_READERS } from '../shared/finance-endpoint.decorators';
import { PeriodParams } from '../shared/period.params';

@FinanceController('periods')
export class ReplayPeriodController {
  constructor(private readonly query: ReplayPeriodQuery) {}

  @Post(':period/replay')
  @HttpCode(200)
  @Roles(...FINANCE_READERS)
  @ApiProblemResponses(400, 409)
  @ApiOperation({
    summary: 'Replay a published or closed period and compare every statement hash',
    description: 'Computes the period again from the log with exactly what its run recorded; `matches` is true when every statement hash (recorded, stored, recomputed) agrees and no input changed. Changes nothing.',
  })
  @ApiOkResponse({ schema: { type: 'object' } })
  replay(@Param() { period }: PeriodParams): Promise<PeriodReplay> {
    return this.query.execute(period);
  }
}
