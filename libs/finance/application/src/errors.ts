/** What finance keeps, as a not-found error names it. */
export type FinanceEntity = 'cost center' | 'cost pool' | 'rate card' | 'budget' | 'allocation rule' | 'ledger import' | 'usage batch' | 'exchange rate' | 'credit policy' | 'service credits' | 'offering' | 'dispute' | 'period' | 'statement';

/** A command or read named a finance resource that does not exist (the API answers 404). */
export class FinanceNotFound extends Error {
  override readonly name = 'FinanceNotFound';
  constructor(
    readonly entity: FinanceEntity,
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}`);
  }
}

