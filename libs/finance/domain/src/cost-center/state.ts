import { assertNever } from '@itsm/event-sourcing';
import type { CostCenterEvent } from './events';

export interface InitialCostCenter {
  status: 'initial';
}

export interface OpenedCostCenter {
  status: 'opened';
  costCenterId: string;
  code: string;
  name: string;
  currency: string;
  parentId: string | null;
  openedAt: string;
}

export interface ClosedCostCenter extends Omit<OpenedCostCenter, 'status'> {
  status: 'closed';
  closedAt: string;
}

export type CostCenter = InitialCostCenter | OpenedCostCenter | ClosedCostCenter;

export const initialState = (): CostCenter => ({ status: 'initial' });

export const evolve = (state: CostCenter, event: CostCenterEvent): CostCenter => {
  switch (event.type) {
    case 'CostCenterOpened':
      return { status: 'opened', ...event.data };
    case 'CostCenterRenamed':
      return state.status === 'opened' ? { ...state, name: event.data.name } : state;
    case 'CostCenterMoved':
      return state.status === 'opened' ? { ...state, parentId: event.data.parentId } : state;
    case 'CostCenterClosed':
      return state.status === 'opened' ? { ...state, status: 'closed', closedAt: event.data.closedAt } : state;
    default:
      return assertNever(event);
  }
};
