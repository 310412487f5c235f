// The cost center stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { CostCenterClosed, CostCenterEvent, CostCenterMoved, CostCenterOpened, CostCenterRenamed } from '@itsm/contracts';
