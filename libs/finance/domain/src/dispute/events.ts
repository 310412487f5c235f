// The dispute stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { DisputeEvent, DisputeOpened, DisputeOutcome, DisputeResolved, DisputeReviewStarted } from '@itsm/contracts';
