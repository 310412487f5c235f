// The allocation rule stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { AllocationRuleDefined, AllocationRuleEvent, AllocationRuleRetired, AllocationRuleRevised } from '@itsm/contracts';
