import type { CreditPolicyVersionPublishedV1 } from '@itsm/contracts';
import type { CreditPolicy, CreditTier } from '../credits';
import type { WireMoney } from '../money';
import type { CreditPolicyEvent } from './events';

/** One version of the policy, as published. */
export interface CreditPolicyVersion {
  version: number;
  effectiveFrom: string;
  consumerCostCenterId: string;
  tiers: CreditTier[];
  capPercentOfMonthlyFee: string;
  monthlyFee: WireMoney | null;
  publishedAt: string;
}

export interface InitialCreditPolicy {
  status: 'initial';
}

export interface PublishedCreditPolicy {
  status: 'published';
  offeringId: string;
  /** Oldest first; each `effectiveFrom` later than the one before. */
  versions: CreditPolicyVersion[];
}

export type CreditPolicyState = InitialCreditPolicy | PublishedCreditPolicy;

export const initialState = (): CreditPolicyState => ({ status: 'initial' });

const versionOf = (data: CreditPolicyVersionPublishedV1): CreditPolicyVersion => ({
  version: data.version,
  effectiveFrom: data.effectiveFrom,
  consumerCostCenterId: data.consumerCostCenterId,
  tiers: data.tiers as CreditTier[],
  capPercentOfMonthlyFee: data.capPercentOfMonthlyFee,
  monthlyFee: data.monthlyFee,
  publishedAt: data.publishedAt,
});

export const evolve = (state: CreditPolicyState, event: CreditPolicyEvent): CreditPolicyState => {
  const versions = state.status === 'published' ? state.versions : [];
  return { status: 'published', offeringId: event.data.offeringId, versions: [...versions, versionOf(event.data)] };
};

/** The version in force on `day` (YYYY-MM-DD): the latest whose `effectiveFrom` is on or before it; null before the first. */
export const creditPolicyInForce = (state: CreditPolicyState, day: string): CreditPolicyVersion | null => {
  if (state.status !== 'published') return null;
  let inForce: CreditPolicyVersion | null = null;
  for (const version of state.versions) if (version.effectiveFrom <= day) inForce = version;
  return inForce;
};

/** A version as the `CreditPolicy` that `creditFor` takes. */
export const creditPolicyOf = (offeringId: string, version: Pick<CreditPolicyVersion, 'tiers' | 'capPercentOfMonthlyFee'>): CreditPolicy => ({
  offeringId,
  tiers: version.tiers,
  capPercentOfMonthlyFee: version.capPercentOfMonthlyFee,
});
