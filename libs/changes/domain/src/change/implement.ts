import { CHANGE_OUTCOMES, type ChangeOutcome } from '@itsm/contracts';
import { refuseBlockingConflicts } from './blocking-conflicts.guard';
import { inStates, requireArray, requireOneOf, requireText } from './change.guards';
import { TEXT_MAX_LENGTH } from './change-fields';
import type { CompleteChange, StartChange } from './commands';
import type { ChangeEvent } from './events';
import type { Change, RaisedChange } from './state';

/**
 * Implementation starts only with no blocking conflict. The application asks the live conflict detection and passes
 * what blocks (for an emergency change it leaves out an active major incident); the decider refuses any it is given.
 */
export const start = ({ data, metadata }: StartChange, state: Change): ChangeEvent[] => {
  const change = inStates(state, ['scheduled'], 'start');
  // Required here (a start is always checked): `requireArray` refuses a command without the list.
  refuseBlockingConflicts(change, requireArray(data.blockingConflicts, 'The blocking conflicts'), 'start');
  const { changeId, plannedStart, plannedEnd, implementer } = change;
  return [
    {
      type: 'ChangeImplementationStarted',
      data: { changeId, plannedStart, plannedEnd, implementer: { ...implementer }, previousState: 'scheduled', state: 'implement', startedAt: metadata.now.toISOString() },
    },
  ];
};

/** A failed or backed-out change, and every emergency change, is reviewed before it closes. */
export const reviewRequired = (change: Pick<RaisedChange, 'type'>, outcome: ChangeOutcome): boolean =>
  outcome === 'failed' || outcome === 'backed-out' || change.type === 'emergency';

export const complete = ({ data, metadata }: CompleteChange, state: Change): ChangeEvent[] => {
  const change = inStates(state, ['implement'], 'be completed');
  const outcome = requireOneOf(data.outcome, CHANGE_OUTCOMES, 'The outcome');
  return [
    {
      type: 'ChangeCompleted',
      data: {
        changeId: change.changeId,
        outcome,
        notes: requireText(data.notes, 'The completion notes', TEXT_MAX_LENGTH),
        reviewRequired: reviewRequired(change, outcome),
        previousState: 'implement',
        state: 'review',
        completedAt: metadata.now.toISOString(),
      },
    },
  ];
};
