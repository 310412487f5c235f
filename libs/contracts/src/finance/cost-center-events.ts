import type { DomainEvent } from '@itsm/event-sourcing';

/*
 * Published events of the cost center stream (`cost-center-<uuid>`), schema version 1 unless
 * `FINANCE_EVENT_SCHEMA_VERSIONS` says otherwise. Facts in the past tense; times are ISO-8601 UTC strings; who did
 * it is in the envelope's `actor`.
 */

export interface CostCenterOpenedV1 {
  costCenterId: string;
  /** Upper case, unique among cost centers (the application checks that): "IT-OPS", "CC1000". */
  code: string;
  name: string;
  /** ISO 4217 code: the currency of the cost center's budgets and statements. */
  currency: string;
  /** The cost center above this one in the hierarchy; null at the top. */
  parentId: string | null;
  openedAt: string;
}

export interface CostCenterRenamedV1 {
  costCenterId: string;
  name: string;
  previousName: string;
  renamedAt: string;
}

/** Moved under another parent (null: to the top). The application checked that this makes no cycle. */
export interface CostCenterMovedV1 {
  costCenterId: string;
  parentId: string | null;
  previousParentId: string | null;
  movedAt: string;
}

/** Closed for good: a closed cost center takes no more changes (there is no reopen). */
export interface CostCenterClosedV1 {
  costCenterId: string;
  closedAt: string;
}

export type CostCenterOpened = DomainEvent<'CostCenterOpened', CostCenterOpenedV1>;
export type CostCenterRenamed = DomainEvent<'CostCenterRenamed', CostCenterRenamedV1>;
export type CostCenterMoved = DomainEvent<'CostCenterMoved', CostCenterMovedV1>;
export type CostCenterClosed = DomainEvent<'CostCenterClosed', CostCenterClosedV1>;

export type CostCenterEvent = CostCenterOpened | CostCenterRenamed | CostCenterMoved | CostCenterClosed;

export type CostCenterEventType = CostCenterEvent['type'];

export const COST_CENTER_EVENT_TYPES: readonly CostCenterEventType[] = ['CostCenterOpened', 'CostCenterRenamed', 'CostCenterMoved', 'CostCenterClosed'];
