import { assertNever } from '@itsm/event-sourcing';
import type { AllocationMethod, AllocationSource } from '../allocation';
import type { AllocationRuleEvent } from './events';

export interface InitialAllocationRule {
  status: 'initial';
}

export interface DefinedAllocationRule {
  status: 'defined' | 'retired';
  ruleId: string;
  name: string;
  source: AllocationSource;
  method: AllocationMethod;
  definedAt: string;
}

export type AllocationRuleState = InitialAllocationRule | DefinedAllocationRule;

export const initialState = (): AllocationRuleState => ({ status: 'initial' });

export const evolve = (state: AllocationRuleState, event: AllocationRuleEvent): AllocationRuleState => {
  switch (event.type) {
    case 'AllocationRuleDefined':
      return { status: 'defined', ...event.data };
    case 'AllocationRuleRevised':
      return state.status === 'initial' ? state : { ...state, method: event.data.method };
    case 'AllocationRuleRetired':
      return state.status === 'initial' ? state : { ...state, status: 'retired' };
    default:
      return assertNever(event);
  }
};
