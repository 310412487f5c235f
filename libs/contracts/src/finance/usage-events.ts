import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the usage-batch stream (`usage-batch-<uuid>`): metered usage of catalog services by consuming
 * cost centers, as a metering system reports it. The uuid is derived from the batch's client reference, so one
 * reference is one stream and is recorded once. Schema version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS` says
 * otherwise. Quantities are decimal strings, never JSON numbers.
 */

export interface UsageRecordV1 {
  serviceId: string;
  consumerCostCenterId: string;
  /** What is counted ("vm-hour", "gb-month", "mailbox"): a key of the rate cards' unit prices. */
  unit: string;
  /** A decimal string of zero or more ("12.5"), canonical (no trailing zeros). */
  quantity: string;
  /** The day (YYYY-MM-DD) the usage belongs to: it decides the period. */
  postedOn: string;
  /** The metering system's own id of the record, when it has one. */
  reference: string | null;
}

export interface UsageRecordedV1 {
  batchId: string;
  /** The client's reference of the batch: the same reference again records nothing. */
  reference: string;
  records: UsageRecordV1[];
  recordedAt: string;
}

export type UsageRecorded = DomainEvent<'UsageRecorded', UsageRecordedV1>;

export type UsageEvent = UsageRecorded;
export type UsageEventType = UsageEvent['type'];
export const USAGE_EVENT_TYPES: readonly UsageEventType[] = ['UsageRecorded'];
