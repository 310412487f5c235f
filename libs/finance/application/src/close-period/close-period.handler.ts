import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import { requirePeriodMonth, type PeriodState } from '@itsm/finance-domain';
import type { FinanceCommandOptions, FinanceCommandResult } from '../streams/finance-streams';
import { PeriodStreams } from '../periods/period-streams';

/** Closes a period whose statements are published: from then on it is immutable. */
@Injectable()
export class ClosePeriodHandler {
  constructor(private readonly periods: PeriodStreams) {}

  execute(period: string, metadata: EventMetadata, options: FinanceCommandOptions = {}): Promise<FinanceCommandResult<PeriodState>> {
    return this.periods.execute(requirePeriodMonth(period), { type: 'ClosePeriod', data: {} }, metadata, options);
  }
}
