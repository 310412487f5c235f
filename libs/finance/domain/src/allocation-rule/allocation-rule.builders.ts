import type { AllocationMethod } from '../allocation';
import type { DefineAllocationRule, RetireAllocationRule, ReviseAllocationRule } from './commands';
import type { AllocationRuleDefined, AllocationRuleRetired, AllocationRuleRevised } from './events';

export const ruleId = '0190f3a4-5555-7222-8333-944445555666';
export const now = new Date('2026-03-02T09:30:00.000Z');
const metadata = { now, actor: { id: 'finance-1', role: 'finance' } };
const at = now.toISOString();
export const source = { kind: 'service' as const, id: 'svc-compute' };
export const byUsage: AllocationMethod = { kind: 'usage-units', unit: 'vm-hour' };

export const define = (data: Partial<DefineAllocationRule['data']> = {}): DefineAllocationRule => ({
  type: 'DefineAllocationRule',
  data: { ruleId, name: 'Compute by vm-hours', source, method: byUsage, ...data },
  metadata,
});

export const defined = (data: Partial<AllocationRuleDefined['data']> = {}): AllocationRuleDefined => ({
  type: 'AllocationRuleDefined',
  data: { ruleId, name: 'Compute by vm-hours', source, method: byUsage, definedAt: at, ...data },
});

export const revise = (method: AllocationMethod): ReviseAllocationRule => ({ type: 'ReviseAllocationRule', data: { method }, metadata });

export const revised = (method: AllocationMethod, previousMethod: AllocationMethod = byUsage): AllocationRuleRevised => ({
  type: 'AllocationRuleRevised',
  data: { ruleId, method, previousMethod, revisedAt: at },
});

export const retire = (): RetireAllocationRule => ({ type: 'RetireAllocationRule', data: {}, metadata });

export const retired = (): AllocationRuleRetired => ({ type: 'AllocationRuleRetired', data: { ruleId, retiredAt: at } });
