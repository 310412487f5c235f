// The change stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { ChangeEvent, ChangeRaised } from '@itsm/contracts';
