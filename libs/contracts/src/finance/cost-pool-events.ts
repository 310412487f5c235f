import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the cost pool stream (`cost-pool-<uuid>`): a pool gathers costs (licences, hosting, staff)
 * that allocation rules then share out to consuming cost centers. Schema version 1 unless
 * `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise; times are ISO-8601 UTC strings.
 */

export interface CostPoolOpenedV1 {
  costPoolId: string;
  name: string;
  /** ISO 4217 code of the costs the pool gathers. */
  currency: string;
  /** The cost center that owns the pool (and carries what no rule allocates). */
  ownerCostCenterId: string;
  openedAt: string;
}

export interface CostPoolRenamedV1 {
  costPoolId: string;
  name: string;
  previousName: string;
  renamedAt: string;
}

export interface CostPoolClosedV1 {
  costPoolId: string;
  closedAt: string;
}

export type CostPoolOpened = DomainEvent<'CostPoolOpened', CostPoolOpenedV1>;
export type CostPoolRenamed = DomainEvent<'CostPoolRenamed', CostPoolRenamedV1>;
export type CostPoolClosed = DomainEvent<'CostPoolClosed', CostPoolClosedV1>;

export type CostPoolEvent = CostPoolOpened | CostPoolRenamed | CostPoolClosed;

export type CostPoolEventType = CostPoolEvent['type'];

export const COST_POOL_EVENT_TYPES: readonly CostPoolEventType[] = ['CostPoolOpened', 'CostPoolRenamed', 'CostPoolClosed'];
