import type { DomainEvent } from '@itsm/event-sourcing';
import type { MoneyV1 } from './money';

/*
 * Published events of the rate card stream (`rate-card-<uuid>`). A rate card is a history of versions, each in
 * effect from its `effectiveFrom` day until the next version's; a version is never changed or back-dated before
 * the latest one. Schema version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise.
 */

export interface RateCardCreatedV1 {
  rateCardId: string;
  name: string;
  createdAt: string;
}

export interface RateCardVersionPublishedV1 {
  rateCardId: string;
  /** 1 for the first version, then 2, 3, … */
  version: number;
  /** The first day (YYYY-MM-DD) the version applies; later than every earlier version's. */
  effectiveFrom: string;
  /** ISO 4217 code of every rate and price of the version. */
  currency: string;
  /** Money per hour of work, by role ("engineer", "architect"); keys sorted. */
  roleRates: Record<string, MoneyV1>;
  /** Money per usage unit ("vm-hour", "gb-month"); keys sorted. */
  unitPrices: Record<string, MoneyV1>;
  publishedAt: string;
}

export type RateCardCreated = DomainEvent<'RateCardCreated', RateCardCreatedV1>;
export type RateCardVersionPublished = DomainEvent<'RateCardVersionPublished', RateCardVersionPublishedV1>;

export type RateCardEvent = RateCardCreated | RateCardVersionPublished;

export type RateCardEventType = RateCardEvent['type'];

export const RATE_CARD_EVENT_TYPES: readonly RateCardEventType[] = ['RateCardCreated', 'RateCardVersionPublished'];
