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
    const month = requirePeriodMonth(period);
    // The period as publishing left it, usually: its statements' lines are not read back just to close it.
    return this.periods.withLatest(month, options.expectedRevision, (loaded) => this.periods.execute(month, { type: 'ClosePeriod', data: {} }, metadata, options, loaded));
  }
}
