import type { CommandMetadata } from '@itsm/event-sourcing';
import type { CreditTier } from '../credits';
import type { WireMoney } from '../money';

/**
 * A version of an offering's credit policy, in force for breaches from `effectiveFrom` (YYYY-MM-DD) until the next
 * version's: its tiers and cap (`CreditPolicy`), the consumer it credits and, optionally, that consumer's monthly fee
 * (null: the service's fixed monthly cost).
 */
export type PublishCreditPolicyVersion = {
  type: 'PublishCreditPolicyVersion';
  data: {
    offeringId: string;
    effectiveFrom: string;
    consumerCostCenterId: string;
    tiers: CreditTier[];
    capPercentOfMonthlyFee: string;
    monthlyFee: WireMoney | null;
  };
  metadata: CommandMetadata;
};

export type CreditPolicyCommand = PublishCreditPolicyVersion;
