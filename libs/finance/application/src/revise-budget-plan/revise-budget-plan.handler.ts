import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { Budget, WireMoney } from '@itsm/finance-domain';
import { BudgetStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/** Revises the planned amount with a reason; thresholds crossed or fallen below follow in the same append. */
@Injectable()
export class ReviseBudgetPlanHandler {
  constructor(private readonly streams: BudgetStreams) {}

  execute(budgetId: string, input: { planned: WireMoney; reason: string }, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<Budget>> {
    return this.streams.execute(budgetId, { type: 'RevisePlannedBudget', data: { planned: input.planned, reason: input.reason } }, metadata, options);
  }
}
