import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { Budget } from '@itsm/finance-domain';
import { recordBudgetPosting, type BudgetPostingInput } from '../record-budget-actual/budget-posting';
import { ExchangeRateLookup } from '../set-exchange-rate/exchange-rate-lookup';
import { BudgetStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';

/** Money promised against a budget (a purchase order); commitments do not move thresholds. */
@Injectable()
export class RecordBudgetCommitmentHandler {
  constructor(
    private readonly streams: BudgetStreams,
    private readonly rates: ExchangeRateLookup,
  ) {}

  execute(budgetId: string, input: BudgetPostingInput, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<Budget>> {
    return recordBudgetPosting('RecordBudgetCommitment', { streams: this.streams, rates: this.rates }, budgetId, input, metadata, options);
  }
}
