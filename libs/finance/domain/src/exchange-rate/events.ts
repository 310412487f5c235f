// The exchange-rate stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { ExchangeRateEvent, ExchangeRateSet } from '@itsm/contracts';
