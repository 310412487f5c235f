import type { CommandMetadata } from '@itsm/event-sourcing';
import type { CreditedBreachV1 } from '@itsm/contracts';
import type { CreditTier } from '../credits';
import type { WireMoney } from '../money';

/** The policy version in force at the breach, as the credit is computed with it. */
export interface PolicyTerms {
  version: number;
  tiers: CreditTier[];
  capPercentOfMonthlyFee: string;
}

/**
 * Credit one SLA breach to the consumer of the offering in the breach's period: the tier's share of `monthlyFee`,
 * within what the cap leaves of the period. The stream is the offering's, consumer's and period's.
 */
export type AccrueServiceCredit = {
  type: 'AccrueServiceCredit';
  data: {
    offeringId: string;
    consumerCostCenterId: string;
    breach: CreditedBreachV1;
    policy: PolicyTerms;
    monthlyFee: WireMoney;
  };
  metadata: CommandMetadata;
};

/** Take back the credit of a breach that was superseded (`supersededByEventId`, the incidents' event that did). */
export type ReverseServiceCredit = {
  type: 'ReverseServiceCredit';
  data: { breachEventId: string; reason: string; supersededByEventId: string };
  metadata: CommandMetadata;
};

export type ServiceCreditCommand = AccrueServiceCredit | ReverseServiceCredit;
