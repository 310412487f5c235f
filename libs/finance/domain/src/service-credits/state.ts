import { assertNever } from '@itsm/event-sourcing';
import type { WireMoney } from '../money';
import type { ServiceCreditEvent } from './events';

/** A credit of the stream, by its breach. */
export interface CreditLine {
  breachEventId: string;
  incidentNumber: string;
  amount: WireMoney;
  reversed: boolean;
}

export interface NoCredits {
  status: 'initial';
}

/** The credits of one offering to one consumer in one period. */
export interface PeriodServiceCredits {
  status: 'accruing';
  offeringId: string;
  consumerCostCenterId: string;
  period: string;
  /** By breach event id, in the order accrued. */
  credits: Readonly<Record<string, CreditLine>>;
}

export type ServiceCreditsState = NoCredits | PeriodServiceCredits;

export const initialState = (): ServiceCreditsState => ({ status: 'initial' });

export const evolve = (state: ServiceCreditsState, event: ServiceCreditEvent): ServiceCreditsState => {
  switch (event.type) {
    case 'ServiceCreditAccrued': {
      const { offeringId, consumerCostCenterId, period, breachEventId, incidentNumber, amount } = event.data;
      const credits = state.status === 'accruing' ? state.credits : {};
      return { status: 'accruing', offeringId, consumerCostCenterId, period, credits: { ...credits, [breachEventId]: { breachEventId, incidentNumber, amount, reversed: false } } };
    }
    case 'ServiceCreditReversed': {
      if (state.status !== 'accruing') return state;
      const line = state.credits[event.data.breachEventId];
      return line === undefined ? state : { ...state, credits: { ...state.credits, [line.breachEventId]: { ...line, reversed: true } } };
    }
    default:
      return assertNever(event);
  }
};
