import type { CommandMetadata } from '@itsm/event-sourcing';
import type { AllocationMethod, AllocationSource } from '../allocation';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * `ruleId` is chosen by the application, which also keeps one live rule per source and checks that the pool,
 * service and consumer cost centers exist.
 */
export type DefineAllocationRule = Command<'DefineAllocationRule', { ruleId: string; name: string; source: AllocationSource; method: AllocationMethod }>;

export type ReviseAllocationRule = Command<'ReviseAllocationRule', { method: AllocationMethod }>;

export type RetireAllocationRule = Command<'RetireAllocationRule', Record<string, never>>;

export type AllocationRuleCommand = DefineAllocationRule | ReviseAllocationRule | RetireAllocationRule;
