import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { FinanceNotFound, PeriodStreams } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { PeriodParams } from '../shared/period.params';
import { PeriodResponse } from '../shared/responses/period.response';

@FinanceController('periods')
export class GetPeriodController {
  constructor(private readonly periods: PeriodStreams) {}

  @Get(':period')
  @FinanceRead(404)
  @ApiOperation({ summary: 'Read a period: status, latest run and its inputs, adjustments, published statements', description: 'Folded from its stream (ETag = revision); a period nothing happened to is 404.' })
  @ApiOkResponse({ type: PeriodResponse })
  async get(@Param() { period }: PeriodParams): Promise<WithETag<PeriodResponse>> {
    const { state, revision } = await this.periods.load(period);
    if (revision < 0) throw new FinanceNotFound('period', period);
    return withETag(PeriodResponse.of(period, state), revision);
  }
}
