import { RuleViolation } from '@itsm/event-sourcing';

/*
 * The money module's refusals. Each is a RuleViolation, so that a bad amount reaching a decider answers 409 with the
 * reason (the API's request validation answers 400 before that); `instanceof` tells them apart.
 */

/** An amount, currency, rate or percentage that is not one: `reason` says what is wrong with it. */
export class InvalidMoney extends RuleViolation {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Two amounts of different currencies met in one operation (add, compare, …): convert one first. */
export class CurrencyMismatch extends RuleViolation {
  constructor(
    readonly expected: string,
    readonly actual: string,
    context = 'The amounts',
  ) {
    super(`${context} must be in ${expected}, not ${actual}`);
  }
}

/** Ratios that cannot share an amount: none, a negative or malformed one, or all zero. */
export class InvalidAllocation extends RuleViolation {}
