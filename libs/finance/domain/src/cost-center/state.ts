import { assertNever } from '@itsm/event-sourcing';
import type { CostCenterEvent } from './events';

export interface InitialCostCenter {
  status: 'initial';
}

export interface OpenedCostCenter {
  status: 'opened';
  costCenterId: string;
  name: string;
  openedAt: string;
}

export type CostCenter = InitialCostCenter | OpenedCostCenter;

export const initialState = (): CostCenter => ({ status: 'initial' });

export const evolve = (state: CostCenter, event: CostCenterEvent): CostCenter => {
  switch (event.type) {
    case 'CostCenterOpened': return { status: 'opened', ...event.data };
    default: return assertNever(event.type);
  }
};
