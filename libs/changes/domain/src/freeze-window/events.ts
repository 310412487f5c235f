// The freeze-window stream's events are the published contract (libs/contracts); the domain speaks them directly.
export type { FreezeWindowDeclared, FreezeWindowEvent, FreezeWindowLifted } from '@itsm/contracts';
