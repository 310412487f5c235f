import { DISPUTE_OUTCOMES, type DisputeOutcome } from '@itsm/contracts';
import { assertNever, IllegalTransition, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { requireId, requireText } from '../shared/guards';
import type { DisputeCommand, OpenDispute, ResolveDispute, StartDisputeReview } from './commands';
import type { DisputeEvent } from './events';
import { evolve, initialState, type Dispute } from './state';

/** Reasons and resolutions are 1 to 2000 characters once trimmed. */
export const DISPUTE_TEXT_MAX_LENGTH = 2000;

export const decide = (command: DisputeCommand, dispute: Dispute): DisputeEvent[] => {
  switch (command.type) {
    case 'OpenDispute': return open(command, dispute);
    case 'StartDisputeReview': return startReview(command, dispute);
    case 'ResolveDispute': return resolve(command, dispute);
    default: return assertNever(command);
  }
};

export const disputeDecider: Decider<DisputeCommand, Dispute, DisputeEvent> = { decide, evolve, initialState };

const open = ({ data, metadata }: OpenDispute, dispute: Dispute): DisputeEvent[] => {
  if (dispute.status !== 'initial') throw new IllegalTransition(`Dispute ${dispute.disputeId} already exists`);
  return [
    {
      type: 'DisputeOpened',
      data: {
        disputeId: data.disputeId,
        statementId: requireId(data.statementId, 'The statement'),
        lineId: requireId(data.lineId, 'The statement line'),
        reason: requireText(data.reason, 'The reason', DISPUTE_TEXT_MAX_LENGTH),
        openedBy: metadata.actor.id,
        state: 'open',
        openedAt: metadata.now.toISOString(),
      },
    },
  ];
};

/** Open → under review, once; starting the review of a dispute under review again records nothing. */
const startReview = ({ metadata }: StartDisputeReview, dispute: Dispute): DisputeEvent[] => {
  if (dispute.status === 'initial') throw new IllegalTransition('The dispute does not exist yet');
  if (dispute.status === 'under-review') return [];
  if (dispute.status === 'resolved') throw new IllegalTransition(`The dispute is resolved (${dispute.outcome}) and cannot be reviewed again`);
  return [{ type: 'DisputeReviewStarted', data: { disputeId: dispute.disputeId, reviewer: metadata.actor.id, state: 'under-review', reviewStartedAt: metadata.now.toISOString() } }];
};

/** Under review → resolved, accepted or rejected, with a resolution; a dispute is resolved once. */
const resolve = ({ data, metadata }: ResolveDispute, dispute: Dispute): DisputeEvent[] => {
  if (dispute.status === 'initial') throw new IllegalTransition('The dispute does not exist yet');
  if (dispute.status === 'open') throw new IllegalTransition('The dispute is open: it is resolved after its review has started');
  if (dispute.status === 'resolved') throw new IllegalTransition(`The dispute is already resolved (${dispute.outcome})`);
  if (!DISPUTE_OUTCOMES.includes(data.outcome as DisputeOutcome)) {
    throw new RuleViolation(`The outcome must be one of ${DISPUTE_OUTCOMES.join(', ')}, not ${String(data.outcome).slice(0, 40)}`);
  }
  return [
    {
      type: 'DisputeResolved',
      data: {
        disputeId: dispute.disputeId,
        outcome: data.outcome as DisputeOutcome,
        resolution: requireText(data.resolution, 'The resolution', DISPUTE_TEXT_MAX_LENGTH),
        resolvedBy: metadata.actor.id,
        state: 'resolved',
        resolvedAt: metadata.now.toISOString(),
      },
    },
  ];
};
