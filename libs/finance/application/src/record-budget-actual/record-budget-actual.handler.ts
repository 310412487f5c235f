import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@itsm/event-sourcing';
import type { Budget } from '@itsm/finance-domain';
import { ExchangeRateLookup } from '../set-exchange-rate/exchange-rate-lookup';
import { BudgetStreams, type FinanceCommandOptions, type FinanceCommandResult } from '../streams/finance-streams';
import { recordBudgetPosting, type BudgetPostingInput } from './budget-posting';

/** Money spent against a budget; thresholds crossed (once per crossing) follow in the same append. */
@Injectable()
export class RecordBudgetActualHandler {
  constructor(
    private readonly streams: BudgetStreams,
    private readonly rates: ExchangeRateLookup,
  ) {}

  execute(budgetId: string, input: BudgetPostingInput, metadata: EventMetadata, options?: FinanceCommandOptions): Promise<FinanceCommandResult<Budget>> {
    return recordBudgetPosting('RecordBudgetActual', { streams: this.streams, rates: this.rates }, budgetId, input, metadata, options);
  }
}
