import { COST_CENTER_EVENT_TYPES, type CostCenterEventType } from './cost-center-events';

export type FinanceEventType = CostCenterEventType;

/** Every event type the finance context publishes (topic `itsm.finance.events.v1`). */
export const FINANCE_EVENT_TYPES: readonly FinanceEventType[] = [...COST_CENTER_EVENT_TYPES];

/** The schema version each finance event is written in today; readers upcast older ones to it. */
export const FINANCE_EVENT_SCHEMA_VERSIONS: Readonly<Record<FinanceEventType, number>> = Object.freeze(
  Object.fromEntries(FINANCE_EVENT_TYPES.map((type) => [type, 1])) as Record<FinanceEventType, number>,
);
