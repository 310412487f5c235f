import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CostCenter } from '@itsm/finance-domain';
import { CostCenterStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/** Closes a cost center for good (no reopen). */
@Injectable()
export class CloseCostCenterHandler {
  constructor(private readonly streams: CostCenterStreams) {}

  execute(costCenterId: string, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<CostCenter>> {
    return this.streams.execute(costCenterId, { type: 'CloseCostCenter', data: {} }, metadata, options);
  }
}
