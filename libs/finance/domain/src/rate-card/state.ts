import type { RateCardVersionPublishedV1 } from '@itsm/contracts';
import { assertNever } from '@itsm/event-sourcing';
import type { RateCardEvent } from './events';

export type RateCardVersion = Omit<RateCardVersionPublishedV1, 'rateCardId'>;

export interface InitialRateCard {
  status: 'initial';
}

export interface CreatedRateCard {
  status: 'created';
  rateCardId: string;
  name: string;
  createdAt: string;
  /** Oldest first; each `effectiveFrom` later than the one before. */
  versions: RateCardVersion[];
}

export type RateCard = InitialRateCard | CreatedRateCard;

export const initialState = (): RateCard => ({ status: 'initial' });

export const evolve = (state: RateCard, event: RateCardEvent): RateCard => {
  switch (event.type) {
    case 'RateCardCreated':
      return { status: 'created', ...event.data, versions: [] };
    case 'RateCardVersionPublished': {
      if (state.status !== 'created') return state;
      const { version, effectiveFrom, currency, roleRates, unitPrices, publishedAt } = event.data;
      return { ...state, versions: [...state.versions, { version, effectiveFrom, currency, roleRates, unitPrices, publishedAt }] };
    }
    default:
      return assertNever(event);
  }
};
