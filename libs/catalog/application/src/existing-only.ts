import type { Decider, DomainEvent } from '@itsm/event-sourcing';

/**
 * Refuses every command but the creating one on an aggregate that does not exist yet, with a not-found error
 * (404) rather than the decider's IllegalTransition (409): the id was wrong, not the state.
 */
export const existingOnly = <Command extends { type: string }, State extends { status: string }, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
  creatingCommand: Command['type'],
  notFound: () => Error,
): Decider<Command, State, Event> => ({
  ...decider,
  decide: (command, state) => {
    if (command.type !== creatingCommand && state.status === decider.initialState().status) throw notFound();
    return decider.decide(command, state);
  },
});
