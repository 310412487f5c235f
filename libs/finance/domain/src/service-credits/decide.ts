import { assertNever, RuleViolation, type Decider } from '@itsm/event-sourcing';
import { creditFor } from '../credits';
import { compare, currencyCodeOf, moneyFromWire, moneyToWire, percentOf, sum, type Money } from '../money';
import { requireId, requireText } from '../shared/guards';
import type { AccrueServiceCredit, ReverseServiceCredit, ServiceCreditCommand } from './commands';
import type { ServiceCreditEvent } from './events';
import { evolve, initialState, type ServiceCreditsState } from './state';

export const decide = (command: ServiceCreditCommand, state: ServiceCreditsState): ServiceCreditEvent[] => {
  switch (command.type) {
    case 'AccrueServiceCredit': return accrue(command, state);
    case 'ReverseServiceCredit': return reverse(command, state);
    default: return assertNever(command);
  }
};

export const serviceCreditsDecider: Decider<ServiceCreditCommand, ServiceCreditsState, ServiceCreditEvent> = { decide, evolve, initialState };

/** The period (YYYY-MM, UTC) an instant falls in. */
export const creditPeriodOf = (instant: string): string => {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new RuleViolation(`"${String(instant).slice(0, 40)}" is not an instant`);
  return at.toISOString().slice(0, 7);
};

/** What the live (not reversed) credits of the stream add up to, in `currency`. */
const creditedSoFar = (state: ServiceCreditsState, currency: string): Money =>
  sum(state.status === 'accruing' ? Object.values(state.credits).filter((line) => !line.reversed).map((line) => moneyFromWire(line.amount)) : [], currency);

/**
 * One credit per breach: a breach already credited (or reversed) records nothing, so a redelivered or replayed
 * breach never doubles. No tier for the breach's priority and timer: nothing. The cap counts the live credits of the
 * stream (the offering, the consumer, the period): a credit the cap cuts is recorded with what was left (zero when
 * nothing was), marked `capped`, so that the breach is decided once.
 */
const accrue = ({ data, metadata }: AccrueServiceCredit, state: ServiceCreditsState): ServiceCreditEvent[] => {
  const { breach, policy } = data;
  const breachEventId = requireId(breach.breachEventId, 'The breach event');
  if (state.status === 'accruing' && state.credits[breachEventId] !== undefined) return [];
  const offeringId = requireId(data.offeringId, 'The offering');
  const consumerCostCenterId = requireId(data.consumerCostCenterId, 'The consumer cost center');
  const period = creditPeriodOf(breach.breachedAt);
  if (state.status === 'accruing' && (state.offeringId !== offeringId || state.consumerCostCenterId !== consumerCostCenterId || state.period !== period)) {
    throw new RuleViolation(`These are the credits of offering ${state.offeringId} to ${state.consumerCostCenterId} in ${state.period}, not of ${offeringId} to ${consumerCostCenterId} in ${period}`);
  }
  const tier = policy.tiers.find((candidate) => candidate.priority === breach.priority && candidate.timerKind === breach.timerKind);
  if (tier === undefined) return [];
  const monthlyFee = moneyFromWire(data.monthlyFee);
  const currency = currencyCodeOf(monthlyFee);
  const given = creditedSoFar(state, currency);
  const amount = creditFor({ offeringId, tiers: policy.tiers, capPercentOfMonthlyFee: policy.capPercentOfMonthlyFee }, breach as Parameters<typeof creditFor>[1], monthlyFee, given);
  return [
    {
      type: 'ServiceCreditAccrued',
      data: {
        creditId: breachEventId,
        breachEventId,
        incidentId: requireId(breach.incidentId, 'The incident'),
        incidentNumber: requireText(breach.incidentNumber, 'The incident number', 64),
        serviceId: requireId(breach.serviceId, 'The service'),
        priority: breach.priority,
        timerKind: breach.timerKind,
        breachedAt: new Date(breach.breachedAt).toISOString(),
        offeringId,
        consumerCostCenterId,
        period,
        policyVersion: policy.version,
        percentOfMonthlyFee: tier.percentOfMonthlyFee,
        monthlyFee: moneyToWire(monthlyFee),
        amount: moneyToWire(amount),
        capped: compare(amount, percentOf(monthlyFee, tier.percentOfMonthlyFee)) < 0,
        accruedAt: metadata.now.toISOString(),
      },
    },
  ];
};

/** Reverses the credit of a superseded breach once; a breach never credited, or already reversed, records nothing. */
const reverse = ({ data, metadata }: ReverseServiceCredit, state: ServiceCreditsState): ServiceCreditEvent[] => {
  if (state.status !== 'accruing') return [];
  const line = state.credits[data.breachEventId];
  if (line === undefined || line.reversed) return [];
  return [
    {
      type: 'ServiceCreditReversed',
      data: {
        creditId: line.breachEventId,
        breachEventId: line.breachEventId,
        incidentNumber: line.incidentNumber,
        offeringId: state.offeringId,
        consumerCostCenterId: state.consumerCostCenterId,
        period: state.period,
        amount: line.amount,
        reason: requireText(data.reason, 'The reason', 500),
        supersededByEventId: requireId(data.supersededByEventId, 'The superseding event'),
        reversedAt: metadata.now.toISOString(),
      },
    },
  ];
};
