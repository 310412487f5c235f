import { assertNever } from '@itsm/event-sourcing';
import type { CostPoolEvent } from './events';

export interface InitialCostPool {
  status: 'initial';
}

export interface OpenedCostPool {
  status: 'opened' | 'closed';
  costPoolId: string;
  name: string;
  currency: string;
  ownerCostCenterId: string;
  openedAt: string;
}

export type CostPool = InitialCostPool | OpenedCostPool;

export const initialState = (): CostPool => ({ status: 'initial' });

export const evolve = (state: CostPool, event: CostPoolEvent): CostPool => {
  switch (event.type) {
    case 'CostPoolOpened':
      return { status: 'opened', ...event.data };
    case 'CostPoolRenamed':
      return state.status === 'initial' ? state : { ...state, name: event.data.name };
    case 'CostPoolClosed':
      return state.status === 'initial' ? state : { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
};
