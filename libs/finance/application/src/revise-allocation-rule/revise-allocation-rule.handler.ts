import { Inject, Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { AllocationMethod, AllocationRuleState } from '@itsm/finance-domain';
import { normalizedMethod, requireOpenConsumers } from '../define-allocation-rule/allocation-rule-parties';
import { FINANCE_DIRECTORY } from '../nest/finance-application.tokens';
import type { FinanceDirectory } from '../ports/finance-directory.port';
import { AllocationRuleStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/** Revises a rule's method (same method again: nothing); every consumer must be an open cost center. */
@Injectable()
export class ReviseAllocationRuleHandler {
  constructor(
    private readonly streams: AllocationRuleStreams,
    @Inject(FINANCE_DIRECTORY) private readonly directory: FinanceDirectory,
  ) {}

  async execute(ruleId: string, input: { method: AllocationMethod }, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<AllocationRuleState>> {
    await this.streams.load(ruleId);
    const method = normalizedMethod(input.method);
    await this.directory.catchUp();
    await requireOpenConsumers(this.directory, method);
    return this.streams.execute(ruleId, { type: 'ReviseAllocationRule', data: { method } }, metadata, options);
  }
}
