import { Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { ReconciliationV1 } from '@itsm/contracts';
import { FinanceNotFound, PeriodStreams } from '@itsm/finance-application';
import { withETag, type WithETag } from '@itsm/platform-kit';
import { FinanceController } from '../shared/finance-controller.decorator';
import { FinanceRead } from '../shared/finance-endpoint.decorators';
import { PeriodParams } from '../shared/period.params';

@FinanceController('periods')
export class GetReconciliationController {
  constructor(private readonly periods: PeriodStreams) {}

  @Get(':period/reconciliation')
  @FinanceRead(404)
  @ApiOperation({
    summary: 'The reconciliation of the period’s latest run',
    description: 'Ledger (per currency and in the reporting currency) → pools and direct costs → services (labour) → consumers; unallocated lines, rounding lines and every check. 404 before a run.',
  })
  @ApiOkResponse({ schema: { type: 'object' } })
  async get(@Param() { period }: PeriodParams): Promise<WithETag<ReconciliationV1 & { period: string; runNumber: number }>> {
    const { state, revision } = await this.periods.load(period);
    if (state.latestRun === null) throw new FinanceNotFound('period', period);
    return withETag({ period, runNumber: state.latestRun.runNumber, ...state.latestRun.reconciliation }, revision);
  }
}
