import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the allocation rule stream (`allocation-rule-<uuid>`): how the costs of one cost pool or one
 * service are shared out to consuming cost centers. Schema version 1 unless `FINANCE_EVENT_SCHEMA_VERSIONS` says
 * otherwise; times are ISO-8601 UTC strings. Weights, percentages and quantities are decimal strings.
 */

/** What a rule shares out: the costs of a cost pool or of a catalog service. */
export interface AllocationSourceV1 {
  kind: 'pool' | 'service';
  id: string;
}

/** Everything to one consumer. */
export interface DirectAllocationV1 {
  kind: 'direct';
  consumerCostCenterId: string;
}

/** The same share to each consumer. */
export interface EqualAllocationV1 {
  kind: 'equal';
  consumerCostCenterIds: string[];
}

/** Fixed percentages that add up to exactly 100. */
export interface PercentageAllocationV1 {
  kind: 'percentage';
  shares: { consumerCostCenterId: string; percent: string }[];
}

/** In proportion to the units of `unit` each consumer used in the period (metered, given at allocation time). */
export interface UsageUnitsAllocationV1 {
  kind: 'usage-units';
  unit: string;
}

/** In proportion to arbitrary weights (head count, floor space, …). */
export interface WeightedAllocationV1 {
  kind: 'weighted';
  weights: { consumerCostCenterId: string; weight: string }[];
}

export type AllocationMethodV1 = DirectAllocationV1 | EqualAllocationV1 | PercentageAllocationV1 | UsageUnitsAllocationV1 | WeightedAllocationV1;

export type AllocationMethodKind = AllocationMethodV1['kind'];

export const ALLOCATION_METHOD_KINDS: readonly AllocationMethodKind[] = ['direct', 'equal', 'percentage', 'usage-units', 'weighted'];

export interface AllocationRuleDefinedV1 {
  ruleId: string;
  name: string;
  source: AllocationSourceV1;
  method: AllocationMethodV1;
  definedAt: string;
}

export interface AllocationRuleRevisedV1 {
  ruleId: string;
  method: AllocationMethodV1;
  previousMethod: AllocationMethodV1;
  revisedAt: string;
}

/** No longer applied; a retired rule takes no more changes. */
export interface AllocationRuleRetiredV1 {
  ruleId: string;
  retiredAt: string;
}

export type AllocationRuleDefined = DomainEvent<'AllocationRuleDefined', AllocationRuleDefinedV1>;
export type AllocationRuleRevised = DomainEvent<'AllocationRuleRevised', AllocationRuleRevisedV1>;
export type AllocationRuleRetired = DomainEvent<'AllocationRuleRetired', AllocationRuleRetiredV1>;

export type AllocationRuleEvent = AllocationRuleDefined | AllocationRuleRevised | AllocationRuleRetired;

export type AllocationRuleEventType = AllocationRuleEvent['type'];

export const ALLOCATION_RULE_EVENT_TYPES: readonly AllocationRuleEventType[] = ['AllocationRuleDefined', 'AllocationRuleRevised', 'AllocationRuleRetired'];
