import { IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import { inStates, optionalText, requireArray, requireText } from './change.guards';
import { TEXT_MAX_LENGTH } from './change-fields';
import type { CloseChange, RecordPostImplementationReview } from './commands';
import type { ChangeEvent } from './events';
import type { Change, Completion, RaisedChange } from './state';

/** In `review` a change always has its completion (the decider's rule; the log cannot say otherwise). */
const completionOf = (change: RaisedChange): Completion => {
  if (change.completion === null) throw new IllegalTransition(`Change ${change.number} has not been completed`);
  return change.completion;
};

export const recordReview = ({ data, metadata }: RecordPostImplementationReview, state: Change): ChangeEvent[] => {
  const change = inStates(state, ['review'], 'take a post-implementation review');
  if (change.review !== null) throw new IllegalTransition(`Change ${change.number} already has its post-implementation review`);
  const followUpActions = requireArray(data.followUpActions ?? [], 'The follow-up actions').map((action) =>
    requireText(action, 'Each follow-up action', TEXT_MAX_LENGTH),
  );
  return [
    {
      type: 'ChangePostImplementationReviewRecorded',
      data: {
        changeId: change.changeId,
        outcome: completionOf(change).outcome,
        summary: requireText(data.summary, 'The review summary', TEXT_MAX_LENGTH),
        lessons: optionalText(data.lessons, 'The lessons learned', TEXT_MAX_LENGTH),
        followUpActions,
        causedIncidentIds: change.causedIncidents.map((incident) => incident.incidentId),
        reviewedBy: metadata.actor.id,
        reviewedAt: metadata.now.toISOString(),
      },
    },
  ];
};

/** Why a review is required, as the refusal names it ("…before closing a failed change"). */
const whatNeedsReview = (completion: Completion): string => {
  if (completion.outcome === 'failed') return 'a failed change';
  if (completion.outcome === 'backed-out') return 'a backed-out change';
  return 'an emergency change';
};

export const close = ({ metadata }: CloseChange, state: Change): ChangeEvent[] => {
  const change = inStates(state, ['review'], 'be closed');
  const completion = completionOf(change);
  if (completion.reviewRequired && change.review === null) {
    throw new RuleViolation(`A post-implementation review is required before closing ${whatNeedsReview(completion)} (change ${change.number})`);
  }
  return [
    {
      type: 'ChangeClosed',
      data: {
        changeId: change.changeId,
        outcome: completion.outcome,
        causedIncidentCount: change.causedIncidents.length,
        previousState: 'review',
        state: 'closed',
        closedAt: metadata.now.toISOString(),
      },
    },
  ];
};
