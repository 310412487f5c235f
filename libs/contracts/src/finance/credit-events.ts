import type { DomainEvent } from '@itsm/event-sourcing';
import type { MoneyV1 } from './money';

/*
 * Published events of service credits (issue 11, point 5). Schema version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS`
 * says otherwise; days YYYY-MM-DD, periods YYYY-MM, times ISO-8601 UTC strings.
 *
 * - `credit-policy-<offeringId>`: the credit policy of one offering, a history of versions.
 * - `service-credits-<uuid>`: the credits of one offering to one consumer (cost center) in one period, the uuid
 *   derived from the three; the cap of the policy holds across that stream.
 */

/** One tier: a breach of `timerKind` on an incident of `priority` earns `percentOfMonthlyFee` of the monthly fee. */
export interface CreditTierV1 {
  priority: string;
  timerKind: string;
  /** A decimal string in (0, 100]. */
  percentOfMonthlyFee: string;
}

/** A version of an offering's credit policy, in force from `effectiveFrom` until the next version's. */
export interface CreditPolicyVersionPublishedV1 {
  offeringId: string;
  /** 1, 2, 3, … */
  version: number;
  /** The first day (YYYY-MM-DD) the version applies to breaches; later than every earlier version's. */
  effectiveFrom: string;
  /** The consumer credited for the offering's breaches: the cost center subscribed to the offering. */
  consumerCostCenterId: string;
  tiers: CreditTierV1[];
  /** The most all credits of a consumer in a period may add up to, as a percentage of the monthly fee, in (0, 100]. */
  capPercentOfMonthlyFee: string;
  /** The consumer's monthly fee for the offering; null: the service's fixed monthly cost (its cost model). */
  monthlyFee: MoneyV1 | null;
  publishedAt: string;
}

/** What a credit is for: one SLA breach of one incident. */
export interface CreditedBreachV1 {
  /** The id of the incidents' `SlaBreached` event: one credit per breach, whatever is delivered again. */
  breachEventId: string;
  incidentId: string;
  incidentNumber: string;
  serviceId: string;
  priority: string;
  timerKind: string;
  breachedAt: string;
}

/** A credit accrued to the consumer for a breach; `amount` is zero when the period's cap was already used up. */
export interface ServiceCreditAccruedV1 extends CreditedBreachV1 {
  /** The breach event id: a credit is named by its breach. */
  creditId: string;
  offeringId: string;
  consumerCostCenterId: string;
  /** YYYY-MM of the breach (UTC). */
  period: string;
  policyVersion: number;
  percentOfMonthlyFee: string;
  monthlyFee: MoneyV1;
  amount: MoneyV1;
  /** True when the cap cut the tier's amount (to zero or to what was left). */
  capped: boolean;
  accruedAt: string;
}

/** A credit taken back: its breach was superseded (a later retarget moved the timer's due time past it). */
export interface ServiceCreditReversedV1 {
  creditId: string;
  breachEventId: string;
  incidentNumber: string;
  offeringId: string;
  consumerCostCenterId: string;
  period: string;
  /** The amount reversed: the accrued amount. */
  amount: MoneyV1;
  reason: string;
  /** The incidents' event that superseded the breach. */
  supersededByEventId: string;
  reversedAt: string;
}

export type CreditPolicyVersionPublished = DomainEvent<'CreditPolicyVersionPublished', CreditPolicyVersionPublishedV1>;
export type ServiceCreditAccrued = DomainEvent<'ServiceCreditAccrued', ServiceCreditAccruedV1>;
export type ServiceCreditReversed = DomainEvent<'ServiceCreditReversed', ServiceCreditReversedV1>;

export type CreditPolicyEvent = CreditPolicyVersionPublished;
export type ServiceCreditEvent = ServiceCreditAccrued | ServiceCreditReversed;
export type CreditEventType = CreditPolicyEvent['type'] | ServiceCreditEvent['type'];

export const CREDIT_EVENT_TYPES: readonly CreditEventType[] = ['CreditPolicyVersionPublished', 'ServiceCreditAccrued', 'ServiceCreditReversed'];
