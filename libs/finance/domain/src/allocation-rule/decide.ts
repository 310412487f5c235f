import { assertNever, IllegalTransition, type Decider } from '@itsm/event-sourcing';
import { requireAllocationMethod, requireSource } from '../allocation';
import { requireText } from '../shared/guards';
import { sameJson } from '../shared/same-json';
import type { AllocationRuleCommand, DefineAllocationRule, RetireAllocationRule, ReviseAllocationRule } from './commands';
import type { AllocationRuleEvent } from './events';
import { evolve, initialState, type AllocationRuleState, type DefinedAllocationRule } from './state';

export const decide = (command: AllocationRuleCommand, rule: AllocationRuleState): AllocationRuleEvent[] => {
  switch (command.type) {
    case 'DefineAllocationRule': return define(command, rule);
    case 'ReviseAllocationRule': return revise(command, rule);
    case 'RetireAllocationRule': return retire(command, rule);
    default: return assertNever(command);
  }
};

export const allocationRuleDecider: Decider<AllocationRuleCommand, AllocationRuleState, AllocationRuleEvent> = { decide, evolve, initialState };

const define = ({ data, metadata }: DefineAllocationRule, rule: AllocationRuleState): AllocationRuleEvent[] => {
  if (rule.status !== 'initial') throw new IllegalTransition(`Allocation rule ${rule.ruleId} is already defined`);
  const name = requireText(data.name, 'The name');
  const source = requireSource(data.source);
  const method = requireAllocationMethod(data.method);
  return [{ type: 'AllocationRuleDefined', data: { ruleId: data.ruleId, name, source, method, definedAt: metadata.now.toISOString() } }];
};

const revise = ({ data, metadata }: ReviseAllocationRule, rule: AllocationRuleState): AllocationRuleEvent[] => {
  const defined = requireLive(rule, 'revised');
  const method = requireAllocationMethod(data.method);
  if (sameJson(method, defined.method)) return [];
  return [{ type: 'AllocationRuleRevised', data: { ruleId: defined.ruleId, method, previousMethod: defined.method, revisedAt: metadata.now.toISOString() } }];
};

const retire = ({ metadata }: RetireAllocationRule, rule: AllocationRuleState): AllocationRuleEvent[] => {
  const defined = requireLive(rule, 'retired');
  return [{ type: 'AllocationRuleRetired', data: { ruleId: defined.ruleId, retiredAt: metadata.now.toISOString() } }];
};

const requireLive = (rule: AllocationRuleState, action: string): DefinedAllocationRule => {
  if (rule.status === 'initial') throw new IllegalTransition('The allocation rule is not defined yet');
  if (rule.status === 'retired') throw new IllegalTransition(`Allocation rule ${rule.ruleId} is retired and cannot be ${action}`);
  return rule;
};
