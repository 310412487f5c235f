// The rate card stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { RateCardCreated, RateCardEvent, RateCardVersionPublished } from '@itsm/contracts';
