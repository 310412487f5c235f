import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { AllocationRuleState } from '@itsm/finance-domain';
import { AllocationRuleStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/** Retires a rule: it is no longer applied and takes no more changes; its source may get a new rule. */
@Injectable()
export class RetireAllocationRuleHandler {
  constructor(private readonly streams: AllocationRuleStreams) {}

  execute(ruleId: string, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<AllocationRuleState>> {
    return this.streams.execute(ruleId, { type: 'RetireAllocationRule', data: {} }, metadata, options);
  }
}
