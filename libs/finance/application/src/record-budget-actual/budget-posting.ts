import { RuleViolation, type EventMetadata } from '@itsm/event-sourcing';
import { isKnownCurrency, type Budget, type WireMoney } from '@itsm/finance-domain';
import type { ExchangeRateLookup } from '../set-exchange-rate/exchange-rate-lookup';
import type { BudgetStreams, FinanceCommandOptions, FinanceCommandResult } from '../streams/finance-streams';

export interface BudgetPostingInput {
  amount: WireMoney;
  /** The day (YYYY-MM-DD) the amount belongs to, inside the budget's period. */
  postedAt: string;
  source: string;
  postingId?: string;
}

/**
 * Records an actual or a commitment. An amount in another currency than the budget's is converted once, by the
 * decider, at the rate of its posting day, looked up here from the pair's stream; no rate on or before that day is
 * a refusal (409) naming the pair and the day.
 */
export const recordBudgetPosting = async (
  kind: 'RecordBudgetActual' | 'RecordBudgetCommitment',
  deps: { streams: BudgetStreams; rates: ExchangeRateLookup },
  budgetId: string,
  input: BudgetPostingInput,
  metadata: EventMetadata,
  options?: FinanceCommandOptions,
): Promise<FinanceCommandResult<Budget>> => {
  const { state } = await deps.streams.load(budgetId);
  const currency = input.amount?.currency;
  const data = { amount: input.amount, postedAt: input.postedAt, source: input.source, ...(input.postingId === undefined ? {} : { postingId: input.postingId }) };
  if (state.status === 'planned' && isKnownCurrency(currency) && currency !== state.currency) {
    if (typeof input.postedAt !== 'string') throw new RuleViolation('The posting day is missing');
    const exchangeRate = await deps.rates.rateFor(currency, state.currency, input.postedAt);
    return deps.streams.execute(budgetId, { type: kind, data: { ...data, exchangeRate } }, metadata, options);
  }
  return deps.streams.execute(budgetId, { type: kind, data }, metadata, options);
};
