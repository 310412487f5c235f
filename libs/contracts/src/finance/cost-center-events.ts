import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the cost center stream (`cost-center-<uuid>`), schema version 1 unless
 * `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise. Facts in the past tense; times are ISO-8601 UTC strings; who did
 * it is in the envelope's `actor`.
 */

export interface CostCenterOpenedV1 {
  costCenterId: string;
  name: string;
  openedAt: string;
}

export type CostCenterOpened = DomainEvent<'CostCenterOpened', CostCenterOpenedV1>;

export type CostCenterEvent = CostCenterOpened;

export type CostCenterEventType = CostCenterEvent['type'];

export const COST_CENTER_EVENT_TYPES: readonly CostCenterEventType[] = ['CostCenterOpened'];
