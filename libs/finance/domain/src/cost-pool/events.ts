// The cost pool stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { CostPoolClosed, CostPoolEvent, CostPoolOpened, CostPoolRenamed } from '@itsm/contracts';
