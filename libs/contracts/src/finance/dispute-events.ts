import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the dispute stream (`dispute-<uuid>`): a consumer disputes one line of a statement.
 * Open → under review → resolved (accepted or rejected). The statement and its line are named by their ids,
 * opaque strings here. Schema version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise.
 */

export const DISPUTE_OUTCOMES = ['accepted', 'rejected'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export interface DisputeOpenedV1 {
  disputeId: string;
  statementId: string;
  lineId: string;
  reason: string;
  openedBy: string;
  state: 'open';
  openedAt: string;
}

export interface DisputeReviewStartedV1 {
  disputeId: string;
  reviewer: string;
  state: 'under-review';
  reviewStartedAt: string;
}

export interface DisputeResolvedV1 {
  disputeId: string;
  outcome: DisputeOutcome;
  resolution: string;
  resolvedBy: string;
  state: 'resolved';
  resolvedAt: string;
}

export type DisputeOpened = DomainEvent<'DisputeOpened', DisputeOpenedV1>;
export type DisputeReviewStarted = DomainEvent<'DisputeReviewStarted', DisputeReviewStartedV1>;
export type DisputeResolved = DomainEvent<'DisputeResolved', DisputeResolvedV1>;

export type DisputeEvent = DisputeOpened | DisputeReviewStarted | DisputeResolved;
export type DisputeEventType = DisputeEvent['type'];
export const DISPUTE_EVENT_TYPES: readonly DisputeEventType[] = ['DisputeOpened', 'DisputeReviewStarted', 'DisputeResolved'];
