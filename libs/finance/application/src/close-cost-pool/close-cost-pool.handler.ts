import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CostPool } from '@itsm/finance-domain';
import { CostPoolStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

@Injectable()
export class CloseCostPoolHandler {
  constructor(private readonly streams: CostPoolStreams) {}

  execute(costPoolId: string, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<CostPool>> {
    return this.streams.execute(costPoolId, { type: 'CloseCostPool', data: {} }, metadata, options);
  }
}
