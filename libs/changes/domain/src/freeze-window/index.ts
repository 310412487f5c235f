export * from './commands';
export * from './events';
export type { AbsentFreezeWindow, DeclaredFreezeWindow, FreezeWindow } from './state';
export { freezeWindowDecider, FREEZE_WINDOW_MAX_SERVICES, FREEZE_WINDOW_NAME_MAX_LENGTH, FREEZE_WINDOW_REASON_MAX_LENGTH } from './decide';
