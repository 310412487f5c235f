import type { DomainEvent } from './envelope';

/**
 * An aggregate's rules as pure functions (after Emmett and Jérémie Chassaing's decider pattern):
 * `decide` turns a command into events, `evolve` folds events into state.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

export const fold = <State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());

/** Exhaustiveness check for discriminated unions in `switch` statements. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};

/** A command refused because the aggregate's state does not allow it (mapped to 409 by the API). */
export class IllegalTransition extends Error {
  override readonly name = 'IllegalTransition';
  constructor(message: string) {
    super(message);
  }
}

/** A command refused because it breaks a business rule (mapped to 409 by the API). */
export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  constructor(message: string) {
    super(message);
  }
}
