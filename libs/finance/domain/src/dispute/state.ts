import { assertNever } from '@itsm/event-sourcing';
import type { DisputeEvent, DisputeOutcome } from './events';

export interface NoDispute {
  status: 'initial';
}

interface DisputeFacts {
  disputeId: string;
  statementId: string;
  lineId: string;
  reason: string;
  openedBy: string;
  openedAt: string;
  reviewer: string | null;
  reviewStartedAt: string | null;
}

export interface OpenDisputeState extends DisputeFacts {
  status: 'open' | 'under-review';
}

export interface ResolvedDispute extends DisputeFacts {
  status: 'resolved';
  outcome: DisputeOutcome;
  resolution: string;
  resolvedBy: string;
  resolvedAt: string;
}

export type Dispute = NoDispute | OpenDisputeState | ResolvedDispute;

export const initialState = (): Dispute => ({ status: 'initial' });

export const evolve = (state: Dispute, event: DisputeEvent): Dispute => {
  switch (event.type) {
    case 'DisputeOpened': {
      const { disputeId, statementId, lineId, reason, openedBy, openedAt } = event.data;
      return { status: 'open', disputeId, statementId, lineId, reason, openedBy, openedAt, reviewer: null, reviewStartedAt: null };
    }
    case 'DisputeReviewStarted':
      return state.status === 'initial' ? state : { ...state, status: 'under-review', reviewer: event.data.reviewer, reviewStartedAt: event.data.reviewStartedAt };
    case 'DisputeResolved': {
      if (state.status === 'initial') return state;
      const { outcome, resolution, resolvedBy, resolvedAt } = event.data;
      return { ...state, status: 'resolved', outcome, resolution, resolvedBy, resolvedAt };
    }
    default:
      return assertNever(event);
  }
};
