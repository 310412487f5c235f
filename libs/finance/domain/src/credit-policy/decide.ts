import { RuleViolation, type Decider } from '@itsm/event-sourcing';
import { requireCreditPolicy } from '../credits';
import { isNegative, moneyFromWire, moneyToWire } from '../money';
import { requireCalendarDay } from '../shared/calendar-day';
import { requireId } from '../shared/guards';
import { sameJson } from '../shared/same-json';
import type { CreditPolicyCommand, PublishCreditPolicyVersion } from './commands';
import type { CreditPolicyEvent } from './events';
import { evolve, initialState, type CreditPolicyState } from './state';

export const decide = (command: CreditPolicyCommand, state: CreditPolicyState): CreditPolicyEvent[] => publishVersion(command, state);

export const creditPolicyDecider: Decider<CreditPolicyCommand, CreditPolicyState, CreditPolicyEvent> = { decide, evolve, initialState };

/**
 * A new version takes effect strictly after the latest one, so that credits already accrued under a version are
 * never re-priced; the latest version sent again as it is (a retried PUT) records nothing.
 */
const publishVersion = ({ data, metadata }: PublishCreditPolicyVersion, state: CreditPolicyState): CreditPolicyEvent[] => {
  const { offeringId, tiers, capPercentOfMonthlyFee } = requireCreditPolicy({ offeringId: data.offeringId, tiers: data.tiers, capPercentOfMonthlyFee: data.capPercentOfMonthlyFee });
  if (state.status === 'published' && state.offeringId !== offeringId) {
    throw new RuleViolation(`This stream holds the credit policy of offering ${state.offeringId}, not of ${offeringId}`);
  }
  const effectiveFrom = requireCalendarDay(data.effectiveFrom, 'The effective day');
  const consumerCostCenterId = requireId(data.consumerCostCenterId, 'The consumer cost center');
  if (tiers.length === 0) throw new RuleViolation('A credit policy needs at least one tier');
  const monthlyFee = data.monthlyFee === null || data.monthlyFee === undefined ? null : moneyToWire(moneyFromWire(data.monthlyFee));
  if (monthlyFee !== null && isNegative(moneyFromWire(monthlyFee))) throw new RuleViolation('The monthly fee must not be negative');
  const version = { effectiveFrom, consumerCostCenterId, tiers, capPercentOfMonthlyFee, monthlyFee };
  const latest = state.status === 'published' ? state.versions.at(-1) : undefined;
  if (latest !== undefined) {
    const latestTerms = { effectiveFrom: latest.effectiveFrom, consumerCostCenterId: latest.consumerCostCenterId, tiers: latest.tiers, capPercentOfMonthlyFee: latest.capPercentOfMonthlyFee, monthlyFee: latest.monthlyFee };
    if (sameJson(latestTerms, version)) return [];
    if (effectiveFrom <= latest.effectiveFrom) {
      throw new RuleViolation(
        `A new version must take effect after the latest one (${latest.effectiveFrom}), not on ${effectiveFrom}: credits accrued under a version are not re-priced`,
      );
    }
  }
  const number = state.status === 'published' ? state.versions.length + 1 : 1;
  return [{ type: 'CreditPolicyVersionPublished', data: { offeringId, version: number, ...version, publishedAt: metadata.now.toISOString() } }];
};
