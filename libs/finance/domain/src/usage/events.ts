// The usage-batch stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { UsageEvent, UsageRecorded, UsageRecordV1 } from '@itsm/contracts';
