import type { FreezeWindowEvent } from './events';

export interface AbsentFreezeWindow {
  status: 'absent';
}

export interface DeclaredFreezeWindow {
  status: 'declared' | 'lifted';
  freezeWindowId: string;
  name: string;
  reason: string;
  from: string;
  to: string;
  /** null: every service. */
  serviceIds: string[] | null;
  declaredAt: string;
  /** When and why it was lifted; null while it stands. */
  lifted: { at: string; reason: string } | null;
}

export type FreezeWindow = AbsentFreezeWindow | DeclaredFreezeWindow;

export const initialState = (): FreezeWindow => ({ status: 'absent' });

export const evolve = (state: FreezeWindow, event: FreezeWindowEvent): FreezeWindow => {
  switch (event.type) {
    case 'FreezeWindowDeclared': {
      const { freezeWindowId, name, reason, from, to, serviceIds, declaredAt } = event.data;
      return { status: 'declared', freezeWindowId, name, reason, from, to, serviceIds: serviceIds ? [...serviceIds] : null, declaredAt, lifted: null };
    }
    case 'FreezeWindowLifted':
      if (state.status === 'absent') return state;
      return { ...state, status: 'lifted', lifted: { at: event.data.liftedAt, reason: event.data.reason } };
  }
};
