import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import type { ChangeCommand, RaiseChange } from './commands';
import type { ChangeEvent } from './events';
import { evolve, initialState, type Change } from './state';

export const SHORT_DESCRIPTION_MAX_LENGTH = 160;

export const decide = (command: ChangeCommand, change: Change): ChangeEvent[] => {
  switch (command.type) {
    case 'RaiseChange': return raise(command, change);
    default: return assertNever(command.type);
  }
};

export const changeDecider: Decider<ChangeCommand, Change, ChangeEvent> = { decide, evolve, initialState };

const raise = ({ data, metadata }: RaiseChange, change: Change): ChangeEvent[] => {
  if (change.status !== 'initial') throw new IllegalTransition(`Change ${change.changeId} is already raised`);
  const shortDescription = data.shortDescription.trim();
  if (shortDescription.length === 0) throw new RuleViolation('The short description must not be blank');
  if (shortDescription.length > SHORT_DESCRIPTION_MAX_LENGTH) throw new RuleViolation(`The short description must be at most ${SHORT_DESCRIPTION_MAX_LENGTH} characters`);
  return [{ type: 'ChangeRaised', data: { changeId: data.changeId, shortDescription, raisedAt: metadata.now.toISOString() } }];
};
