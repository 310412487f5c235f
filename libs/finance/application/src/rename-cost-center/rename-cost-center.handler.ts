import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { CostCenter } from '@itsm/finance-domain';
import { CostCenterStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/** Renames a cost center (the same name again records nothing); `expectedRevision` is the caller's If-Match. */
@Injectable()
export class RenameCostCenterHandler {
  constructor(private readonly streams: CostCenterStreams) {}

  execute(costCenterId: string, input: { name: string }, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<CostCenter>> {
    return this.streams.execute(costCenterId, { type: 'RenameCostCenter', data: { name: input.name } }, metadata, options);
  }
}
