// The service credits stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { ServiceCreditAccrued, ServiceCreditEvent, ServiceCreditReversed } from '@itsm/contracts';
