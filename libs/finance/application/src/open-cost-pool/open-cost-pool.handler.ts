import { Injectable } from '@nestjs/common';
import { newId, NO_STREAM_REVISION, RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import type { OpenedCostPool } from '@itsm/finance-domain';
import { isUuid } from '../stream-ids';
import { CostCenterStreams, CostPoolStreams, type FinanceCommandResult } from '../streams/finance-streams';

export interface OpenCostPoolInput {
  name: string;
  currency: string;
  ownerCostCenterId: string;
}

/** Opens a cost pool on a new stream; its owner cost center must exist and be open (read from its stream). */
@Injectable()
export class OpenCostPoolHandler {
  constructor(
    private readonly streams: CostPoolStreams,
    private readonly costCenters: CostCenterStreams,
  ) {}

  async execute(input: OpenCostPoolInput, metadata: EventMetadata): Promise<FinanceCommandResult<OpenedCostPool>> {
    const ownerCostCenterId = String(input.ownerCostCenterId).toLowerCase();
    const owner = isUuid(ownerCostCenterId) ? (await this.costCenters.loadEvenIfAbsent(ownerCostCenterId)).state : { status: 'initial' as const };
    if (owner.status === 'initial') throw new RuleViolation(`The owner cost center ${ownerCostCenterId} does not exist`);
    if (owner.status === 'closed') throw new RuleViolation(`The owner cost center ${owner.code} is closed`);
    const costPoolId = newId();
    const result = await this.streams.execute(costPoolId, { type: 'OpenCostPool', data: { costPoolId, name: input.name, currency: input.currency, ownerCostCenterId } }, metadata, {
      expectedRevision: NO_STREAM_REVISION,
    });
    return { ...result, state: result.state as OpenedCostPool };
  }
}
